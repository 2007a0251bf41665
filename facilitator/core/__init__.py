"""The pure domain: agenda model, events, the fold, stack policy, clocks maths, consent rules.

Nothing here imports Textual or Rich, touches files, or reads a clock.
"""

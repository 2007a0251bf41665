"""The members' view: the running meeting served to members' phones and laptops (`run --share`).

`access` holds the join code, claims and rate limits; `server` the aiohttp application,
run in Textual's own asyncio loop; `qr` draws the join address as a QR code in text;
`page_text` puts the page's words in the screen's language; `static/` the page, its
scripts and style sheet, shipped as package data. What a device may see is decided by
`facilitator.core.public_view`, never here.
"""

"""The go-around round: everyone present in circle order, with a turn pointer."""

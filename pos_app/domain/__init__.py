"""Pure pricing and loyalty rules: money, cart, promotions, coupons, points, tiers, stored value, refunds.

Imports nothing of ours, no Qt, no SQLAlchemy, no I/O, no clock (time is passed in).
"""

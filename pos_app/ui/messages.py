"""Translating the messages services and rules raise (English in code) for the cashier.

Exceptions carry English text; here each known message — fixed or with values — maps to a
`tr()` template, so zh_CN stores see Chinese. Unknown messages are shown as they are.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication


def patterns() -> list[tuple[re.Pattern, str]]:
    table = [
        (r"This till was revoked: (.*)", QCoreApplication.translate("messages", "This till was revoked: %1")),
        (r"HQ unreachable: (.*)", QCoreApplication.translate("messages", "HQ unreachable: %1")),
        (r"HQ error (\d+): (.*)", QCoreApplication.translate("messages", "HQ error %1: %2")),
        (r"Unreadable scan \((.*)\)", QCoreApplication.translate("messages", "Unreadable scan (%1)")),
        (r"Printer not found: is it on and connected\? \((.*)\)", QCoreApplication.translate("messages", "Printer not found: is it on and connected? (%1)")),
        (r"No permission to use the printer \((.*)\)", QCoreApplication.translate("messages", "No permission to use the printer (%1)")),
        (r"Printer error: (.*)", QCoreApplication.translate("messages", "Printer error: %1")),
        (r"Could not render the receipt: (.*)", QCoreApplication.translate("messages", "Could not render the receipt: %1")),
        (r"Unknown barcode (\S+)", QCoreApplication.translate("messages", "Unknown barcode %1")),
        (r"Barcode (\S+) has a wrong check digit: scan it again", QCoreApplication.translate("messages", "Barcode %1 has a wrong check digit: scan it again")),
        (r"Not a product barcode: (.*)", QCoreApplication.translate("messages", "Not a product barcode: %1")),
        (r"Unknown scale item (\S+)", QCoreApplication.translate("messages", "Unknown scale item %1")),
        (r"Quantity must be a whole number from 1 to (\d+)", QCoreApplication.translate("messages", "Quantity must be a whole number from 1 to %1")),
        (r"At most (\d+) of one item", QCoreApplication.translate("messages", "At most %1 of one item")),
        (r"Unknown coupon (.*)", QCoreApplication.translate("messages", "Unknown coupon %1")),
        (r"Spend ([\d.]+) to save ([\d.]+); ([\d.]+) more needed", QCoreApplication.translate("messages", "Spend %1 to save %2; %3 more needed")),
        (r"Minimum spend ([\d.]+) on eligible items; ([\d.]+) more needed", QCoreApplication.translate("messages", "Minimum spend %1 on eligible items; %2 more needed")),
        (r"Payments ([\d.]+) do not match the amount due ([\d.]+)", QCoreApplication.translate("messages", "Payments %1 do not match the amount due %2")),
        (r"(.+) needs (\d+) points; the member has (\d+)", QCoreApplication.translate("messages", "%1 needs %2 points; the member has %3")),
        (r"Too many wrong PINs: PIN entry is locked until (\S+)", QCoreApplication.translate("messages", "Too many wrong PINs: PIN entry is locked until %1")),
        (r"(.+) may not approve this", QCoreApplication.translate("messages", "%1 may not approve this")),
        (r"No sale with receipt number (.*)", QCoreApplication.translate("messages", "No sale with receipt number %1")),
        (r"Line (\S+) has already been fully returned", QCoreApplication.translate("messages", "Line %1 has already been fully returned")),
        (r"Line (\S+): only (\d+) left to return", QCoreApplication.translate("messages", "Line %1: only %2 left to return")),
        (r"Coupon (\S+) has already been used", QCoreApplication.translate("messages", "Coupon %1 has already been used")),
        (r"The member has only (\d+) points", QCoreApplication.translate("messages", "The member has only %1 points")),
        (r"Points may pay at most (\d+)% of the payable", QCoreApplication.translate("messages", "Points may pay at most %1% of the payable")),
        (r"Stored value balance is only (\d+) fen", QCoreApplication.translate("messages", "Stored value balance is only %1 fen")),
        (r"Points spent here today would pass the limit of (\d+) until headquarters confirms the balance",
         QCoreApplication.translate("messages", "Points spent here today would pass the limit of %1 until headquarters confirms the balance")),
    ]
    return [(re.compile(f"^{p}$"), template) for p, template in table]


def fixed_translations() -> dict[str, str]:
    # spelled out so that lupdate sees every string
    return {
        "The disk is full: nothing was recorded. Free some space, then try again": QCoreApplication.translate("messages", "The disk is full: nothing was recorded. Free some space, then try again"),
        "The database is read-only: nothing was recorded. Call support": QCoreApplication.translate("messages", "The database is read-only: nothing was recorded. Call support"),
        "The database is busy: nothing was recorded. Try again": QCoreApplication.translate("messages", "The database is busy: nothing was recorded. Try again"),
        "The disk could not be written: nothing was recorded. Call support": QCoreApplication.translate("messages", "The disk could not be written: nothing was recorded. Call support"),
        "Unknown till token: enrol this till again": QCoreApplication.translate("messages", "Unknown till token: enrol this till again"),
        "Missing till token: enrol this till first": QCoreApplication.translate("messages", "Missing till token: enrol this till first"),
        "This enrolment code is unknown, used or expired: ask HQ for a new one": QCoreApplication.translate("messages", "This enrolment code is unknown, used or expired: ask HQ for a new one"),
        "Not a valid member code": QCoreApplication.translate("messages", "Not a valid member code"),
        "This member has no registered phone: ask them to open the app again": QCoreApplication.translate("messages", "This member has no registered phone: ask them to open the app again"),
        "Member code signature is wrong: the code was altered or is not this member's": QCoreApplication.translate("messages", "Member code signature is wrong: the code was altered or is not this member's"),
        "Member code has expired: ask the member to refresh it": QCoreApplication.translate("messages", "Member code has expired: ask the member to refresh it"),
        "Member code is from the future: check the phone's clock": QCoreApplication.translate("messages", "Member code is from the future: check the phone's clock"),
        "This member code was already used: ask the member to refresh it": QCoreApplication.translate("messages", "This member code was already used: ask the member to refresh it"),
        "Empty scan": QCoreApplication.translate("messages", "Empty scan"),
        "Wrong check digit: scan it again": QCoreApplication.translate("messages", "Wrong check digit: scan it again"),
        "Not a product, member, coupon or receipt code": QCoreApplication.translate("messages", "Not a product, member, coupon or receipt code"),
        "Scan is too long to be any code we know": QCoreApplication.translate("messages", "Scan is too long to be any code we know"),
        "Printer did not answer in time: is it on and connected?": QCoreApplication.translate("messages", "Printer did not answer in time: is it on and connected?"),
        "Printer ready": QCoreApplication.translate("messages", "Printer ready"),
        "Wrong PIN": QCoreApplication.translate("messages", "Wrong PIN"), "A PIN is 4 to 8 digits": QCoreApplication.translate("messages", "A PIN is 4 to 8 digits"),
        "Manager approval is needed": QCoreApplication.translate("messages", "Manager approval is needed"), "No member found": QCoreApplication.translate("messages", "No member found"),
        "No such product": QCoreApplication.translate("messages", "No such product"), "Weigh this item and scan its label": QCoreApplication.translate("messages", "Weigh this item and scan its label"),
        "That line is not in the sale": QCoreApplication.translate("messages", "That line is not in the sale"),
        "A weighed item's quantity comes from its label": QCoreApplication.translate("messages", "A weighed item's quantity comes from its label"),
        "This coupon has already been used": QCoreApplication.translate("messages", "This coupon has already been used"),
        "This coupon belongs to another member: attach that member first": QCoreApplication.translate("messages", "This coupon belongs to another member: attach that member first"),
        "This coupon is already applied": QCoreApplication.translate("messages", "This coupon is already applied"),
        "That coupon is not applied": QCoreApplication.translate("messages", "That coupon is not applied"),
        "Points must be a whole number": QCoreApplication.translate("messages", "Points must be a whole number"),
        "Attach a member to use points": QCoreApplication.translate("messages", "Attach a member to use points"), "The sale is empty": QCoreApplication.translate("messages", "The sale is empty"),
        "Finish or suspend the current sale first": QCoreApplication.translate("messages", "Finish or suspend the current sale first"),
        "That suspended sale is gone": QCoreApplication.translate("messages", "That suspended sale is gone"), "Open a shift first": QCoreApplication.translate("messages", "Open a shift first"),
        "A shift is already open": QCoreApplication.translate("messages", "A shift is already open"), "Unknown payment type": QCoreApplication.translate("messages", "Unknown payment type"),
        "Every payment must be a positive amount": QCoreApplication.translate("messages", "Every payment must be a positive amount"),
        "The cash handed over is less than the cash payment": QCoreApplication.translate("messages", "The cash handed over is less than the cash payment"),
        "Attach a member to pay with stored value": QCoreApplication.translate("messages", "Attach a member to pay with stored value"),
        "Scan or type the payment reference first": QCoreApplication.translate("messages", "Scan or type the payment reference first"),
        "The member no longer has enough points": QCoreApplication.translate("messages", "The member no longer has enough points"),
        "This coupon is not valid at this time": QCoreApplication.translate("messages", "This coupon is not valid at this time"),
        "No item in the cart is covered by this coupon": QCoreApplication.translate("messages", "No item in the cart is covered by this coupon"),
        "The free item of this coupon is not in the cart": QCoreApplication.translate("messages", "The free item of this coupon is not in the cart"),
        "Nothing left for this coupon to take off": QCoreApplication.translate("messages", "Nothing left for this coupon to take off"),
        "Another coupon that cannot be combined is already applied": QCoreApplication.translate("messages", "Another coupon that cannot be combined is already applied"),
        "This coupon cannot be combined with other coupons": QCoreApplication.translate("messages", "This coupon cannot be combined with other coupons"),
        "Points can only be used with a member attached": QCoreApplication.translate("messages", "Points can only be used with a member attached"),
        "A mainland mobile number has 11 digits and starts with 1": QCoreApplication.translate("messages", "A mainland mobile number has 11 digits and starts with 1"),
        "The member must agree to the terms first": QCoreApplication.translate("messages", "The member must agree to the terms first"),
        "This phone number is already a member": QCoreApplication.translate("messages", "This phone number is already a member"),
        "The name is too long": QCoreApplication.translate("messages", "The name is too long"), "That birthday is not possible": QCoreApplication.translate("messages", "That birthday is not possible"),
        "Type a phone number, its last 4 digits, or a card number": QCoreApplication.translate("messages", "Type a phone number, its last 4 digits, or a card number"),
        "No such member": QCoreApplication.translate("messages", "No such member"), "No such member or gift": QCoreApplication.translate("messages", "No such member or gift"),
        "Choose at least one line to return": QCoreApplication.translate("messages", "Choose at least one line to return"),
        "Quantity to return must be a positive whole number": QCoreApplication.translate("messages", "Quantity to return must be a positive whole number"),
        "This return would give back more than was paid": QCoreApplication.translate("messages", "This return would give back more than was paid"),
        "Type the counted cash": QCoreApplication.translate("messages", "Type the counted cash"),
        "The opening float is between 0 and 10000.00 yuan": QCoreApplication.translate("messages", "The opening float is between 0 and 10000.00 yuan"),
        "The amount is between 0.01 and 10000.00 yuan": QCoreApplication.translate("messages", "The amount is between 0.01 and 10000.00 yuan"),
        "Top up with cash, WeChat Pay, Alipay or a bank card": QCoreApplication.translate("messages", "Top up with cash, WeChat Pay, Alipay or a bank card"),
        "A top-up is between 0.01 and 10000.00 yuan": QCoreApplication.translate("messages", "A top-up is between 0.01 and 10000.00 yuan"),
        "Stored value spent here today would pass the offline limit until headquarters confirms the balance": QCoreApplication.translate("messages", "Stored value spent here today would pass the offline limit until headquarters confirms the balance"),
        "Unknown cash movement": QCoreApplication.translate("messages", "Unknown cash movement"),
    }


def translate(message: str) -> str:
    """The cashier-facing text for an exception message, in the current language."""
    fixed = fixed_translations()
    if message in fixed:
        return fixed[message]
    for pattern, template in patterns():
        match = pattern.match(message)
        if match:
            out = template
            for n, value in enumerate(match.groups(), start=1):
                out = out.replace(f"%{n}", value)
            return out
    return message


def error_text(error: object) -> str:
    """The cashier-facing text of an error (or a scan's refusal) in the current language: a coded
    error through the one table (pos_app/domain/error_texts.py), an older English sentence through
    `translate`."""
    from PySide6.QtCore import QLocale

    from pos_app.domain.error_texts import TEXTS, describe
    code = getattr(error, "code", None)
    if isinstance(code, str) and code in TEXTS and code != "legacy.text" and isinstance(getattr(error, "params", None), dict):
        return describe(error, QLocale().name())
    return translate(str(error))

"""The sale in progress: scan, search, quantities, member, coupons, points, suspend/resume.

A `SaleSession` holds the open cart; after every change it is saved (the open-cart row) so a
crash or restart loses nothing, and repriced through the domain. Every method returns a
`SaleView` — the priced cart and the member — for the UI to show. Bad input raises a
ServiceError with a readable message and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hardware import member_code
from pos_app.domain import CartLine, DomainError, PricedCart, price_cart
from pos_app.domain.barcodes import (
    COUPON,
    EMBEDDED,
    GS1,
    MEMBER_CARD,
    MEMBER_CODE,
    PRODUCT,
    RECEIPT,
    EmbeddedCode,
    Gs1Item,
    WeightLayout,
    check_digit_ok,
    classify,
    is_member_id,
    parse_embedded,
)
from pos_app.domain.cart import MAX_QTY
from pos_app.domain.open_cart import CartDiscount, LineOverride, OpenCart, OpenLine
from pos_app.domain.pricing import points_offset_cap
from pos_app.store.cart_book import CartBook, CatalogueItem
from pos_app.store.models import Product

from .auth import CashierInfo, authorize
from .errors import InvalidInput, NotFound, PermissionDenied
from .members import MemberView, domain_member, fetch_from_hq, identify_row, may_spend, member_view
from .till import Till

MAX_REASON = 40  # characters of a manager's reason (it is printed on the receipt)
MAX_DISCOUNT_PERCENT = 50
MAX_DISCOUNT_FEN = 100_000  # 1,000 yuan off one sale at most


def weight_layout(till: Till) -> WeightLayout:
    """The store's scale-label layout (a setting from HQ, loaded with the rules)."""
    return till.rules.weight_layout


def empty_cart() -> OpenCart:
    return OpenCart()


@dataclass(frozen=True)
class SaleView:
    priced: PricedCart
    member: MemberView | None
    coupon_codes: tuple[str, ...]
    last_line_id: str | None = None
    identified_by: str | None = None  # how the member was identified (IDENTIFIED_BY)

    @property
    def empty(self) -> bool:
        return not self.priced.lines

    @property
    def may_spend(self) -> bool:
        """The member may spend points, stored value and member coupons on this sale."""
        return self.member is not None and may_spend(self.identified_by)


SALE, RETURNS, REFUSED = "sale", "returns", "refused"


@dataclass(frozen=True)
class ScanOutcome:
    """What a scan did (`SaleSession.handle_scan`): changed the sale (`view`), named a receipt to
    return from (`receipt_no`: the screen opens the returns), or was refused as no code the till
    reads (`code`/`params`: an error code of pos_app/domain/error_texts.py). A scan the sale
    refuses (unknown barcode, used coupon, forged member code) raises as the sale's methods do."""

    kind: str
    view: SaleView | None = None
    receipt_no: str = ""
    code: str = ""
    params: dict | None = None


@dataclass(frozen=True)
class ProductHit:
    id: str
    name: str
    price_fen: int
    unit: str
    barcode: str


class SaleSession:
    """The open sale at this till for the logged-in cashier."""

    def __init__(self, till: Till, cashier: CashierInfo):
        self.till, self.cashier = till, cashier
        with till.uow() as uow:
            self.cart = uow.carts.load_open(till.store.till_code) or empty_cart()
        self._last_line: str | None = None
        self._shown: tuple[OpenCart, PricedCart] | None = None  # the cart as last priced

    # ---- pricing ------------------------------------------------------------------------
    def _lines(self) -> list[CartLine]:
        return self.cart.cart_lines()

    def _price(self, uow, cart: OpenCart, with_view: bool = True) -> tuple[PricedCart, MemberView | None]:
        """The cart priced, and the member as the screen shows them (unless `with_view` is off)."""
        rules = self.till.rules
        member = view = None
        held = []
        applied = []
        if cart.member_id:
            row = uow.members.by_id(cart.member_id)
            member = domain_member(self.till, uow, row)
            view = member_view(self.till, uow, row) if with_view else None
            held = [
                self.till.coupon(c.code, c.template_id, c.valid_from, c.valid_to) for c in uow.members.coupons(row.id)
            ]
        for code in cart.coupons:
            c = uow.members.coupon(code)
            applied.append(self.till.coupon(c.code, c.template_id, c.valid_from, c.valid_to))
        priced = price_cart(
            cart.cart_lines(),
            now=self.till.now(),
            member=member,
            promotions=rules.promotions,
            coupons=applied,
            program=rules.program,
            options=rules.options,
            redeem_points=cart.redeem_points,
            held_coupons=held,
            overrides=cart.overrides(),
            manual_discount=cart.discount(),
            store_code=self.till.store.code,
        )
        return priced, view

    def _save(self, book: CartBook, cart: OpenCart) -> SaleView:
        """`_commit` for an edit of the lines (a scan, a quantity): the cart saved by `book`, in
        plain SQL; the member and coupons, if the cart has any, read for pricing by a unit of work."""
        if cart.member_id or cart.coupons:
            with self.till.uow() as uow:
                priced, view = self._price(uow, cart)
        else:
            priced, view = self._price(None, cart)  # nothing to read
        book.save_open(self.till.store.till_code, cart, self.till.now())
        book.commit()
        self.cart = cart
        self._shown = (cart, priced)
        return SaleView(priced, view, cart.coupons, self._last_line, cart.identified_by)

    def _commit(self, uow, cart: OpenCart) -> SaleView:
        """Reprice `cart`; if that works, save it as the open cart and make it current."""
        priced, view = self._price(uow, cart)
        uow.carts.save_open(self.till.store.till_code, cart, self.till.now())
        uow.commit()
        self.cart = cart
        self._shown = (cart, priced)
        return SaleView(priced, view, cart.coupons, self._last_line, cart.identified_by)

    def priced_to_pay(self) -> PricedCart:
        """The cart as it was last priced for the screen (at its last change, or `view()`) - what
        the customer sees and pays - or, for a cart not yet shown, priced now. Payment charges
        those prices; what may have changed since (points balance, coupon used at another till
        and synced here) is checked again when the sale is recorded."""
        if self._shown is not None and self._shown[0] is self.cart:
            return self._shown[1]
        with self.till.uow() as uow:
            return self._price(uow, self.cart, with_view=False)[0]

    def view(self) -> SaleView:
        with self.till.uow() as uow:
            priced, member = self._price(uow, self.cart)
        self._shown = (self.cart, priced)
        return SaleView(priced, member, self.cart.coupons, self._last_line, self.cart.identified_by)

    # ---- products -------------------------------------------------------------------------
    def _add(
        self,
        book: CartBook,
        product: Product | CatalogueItem,
        qty: int = 1,
        price: int | None = None,
        name: str | None = None,
    ) -> SaleView:
        cart = self.cart
        merge = price is None and product.unit == "each"
        for line in cart.lines:
            if merge and line.product_id == product.id and line.price == product.price_fen and not line.override:
                if line.qty + qty > MAX_QTY:
                    raise InvalidInput("cart.at_most", max=MAX_QTY)
                cart = cart.with_line(replace(line, qty=line.qty + qty))
                self._last_line = line.line_id
                break
        else:
            cart = cart.adding(
                OpenLine(
                    "",
                    product.id,
                    name or product.name,
                    product.price_fen if price is None else price,
                    qty,
                    product.category_id,
                    product.non_earning,
                    from_label=price is not None,
                )
            )  # weighed / labelled
            self._last_line = cart.lines[-1].line_id
        return self._save(book, cart)

    # ---- scans ----------------------------------------------------------------------------
    def handle_scan(self, text: str) -> ScanOutcome:
        """Every scan at the till screen (wedge, serial or typed), read once with the barcode
        grammar (pos_app/domain/barcodes.py) and routed: a product, scale label or GS1 item is
        added, a coupon applied, a member code or card attaches the member, a receipt number
        asks for the returns; anything else is refused with the grammar's reason."""
        scan = classify(text, self.till.rules.weight_layout)
        if scan.kind == RECEIPT:
            return ScanOutcome(RETURNS, receipt_no=scan.code)
        if scan.kind == COUPON:
            view = self.apply_coupon(scan.code)
        elif scan.kind == MEMBER_CODE:
            view = self.attach_member_code(scan.code)
        elif scan.kind == MEMBER_CARD or is_member_id(scan):
            view = self.attach_member(scan.code, "card" if scan.kind == MEMBER_CARD else "id")
        elif scan.kind in (PRODUCT, EMBEDDED):
            view = self._scan_product(scan.code, scan.embedded)
        elif scan.kind == GS1:
            view = self.scan_gs1(scan.gs1)
        else:  # unknown, or a customer's payment code
            return ScanOutcome(REFUSED, code=scan.reason, params=dict(scan.reason_params))
        return ScanOutcome(SALE, view)

    def points_cap(self, view: SaleView) -> int:
        """The most points this sale can take (the points program's offset cap, and the member's
        balance): what the payment dialog offers."""
        return points_offset_cap(view.priced, self.till.rules.program, view.member.points if view.member else 0)

    def scan(self, code: str) -> SaleView:
        """Add the product with this barcode (EAN-13/8, UPC-A, or a scale label)."""
        code = code.strip()
        return self._scan_product(code, parse_embedded(code, self.till.rules.weight_layout))

    def _scan_product(self, code: str, embedded: EmbeddedCode | None) -> SaleView:
        """The product of a barcode (`embedded`: the scale label `code` is, read already)."""
        with CartBook(self.till.db) as book:
            if embedded is not None:
                product = book.by_barcode(f"PLU{embedded.plu}")
                if product is None:
                    raise NotFound("scan.unknown_scale_item", plu=embedded.plu)
                if embedded.weight_g is None:  # a label carries a price or a weight
                    return self._add(book, product, 1, embedded.price_fen)
                price = product.price_fen * embedded.weight_g // 1000
                return self._add(book, product, 1, price, f"{product.name} {embedded.weight_g / 1000:.3f}kg")
            if not code.isdigit() or len(code) not in (8, 12, 13):
                raise InvalidInput("scan.not_a_product", code=code[:32])
            if not check_digit_ok(code):
                raise InvalidInput("scan.barcode_check_digit", code=code[:32])
            product = book.by_barcode(code)
            if product is None and len(code) == 12:  # UPC-A is EAN-13 with a leading 0
                product = book.by_barcode("0" + code)
            if product is None:
                raise NotFound("scan.unknown_barcode", code=code[:32])
            return self._add(book, product)

    def scan_gs1(self, item: Gs1Item) -> SaleView:
        """Add the item a GS1 element string names: its GTIN-13 (or the UPC-A / EAN-8 inside it)
        is the catalogue's barcode; a weighed item is priced by the weight in the code (AI 310n);
        an item past its expiry date (AI 17) is refused."""
        today = self.till.now().date()
        if item.expiry is not None and item.expiry < today:
            raise InvalidInput("scan.item_expired", expiry=item.expiry.isoformat())
        gtin = item.gtin13
        candidates = (
            [gtin] + ([gtin[1:]] if gtin.startswith("0") else []) + ([gtin[5:]] if gtin.startswith("00000") else [])
        )
        with CartBook(self.till.db) as book:
            product = next((p for p in map(book.by_barcode, candidates) if p is not None), None)
            if product is None:
                raise NotFound("scan.unknown_barcode", code=gtin)
            if product.unit == "weight":
                if not item.weight_g:
                    raise InvalidInput("scan.weight_missing")
                price = product.price_fen * item.weight_g // 1000
                return self._add(book, product, 1, price, f"{product.name} {item.weight_g / 1000:.3f}kg")
            return self._add(book, product)

    def add_product(self, product_id: str, qty: int = 1) -> SaleView:
        with self.till.uow() as uow:
            product = uow.products.by_id(product_id)
        if product is None or not product.active:
            raise NotFound("product.not_found")
        if product.unit == "weight":
            raise InvalidInput("product.weigh_first")
        with CartBook(self.till.db) as book:
            return self._add(book, product, qty)

    def search(self, text: str, limit: int = 30) -> list[ProductHit]:
        """Products by name or pinyin initials (`kkkl` finds 可口可乐)."""
        with self.till.uow() as uow:
            found = uow.products.search(text, limit)
            return [ProductHit(p.id, p.name, p.price_fen, p.unit, "") for p in found]

    def set_qty(self, line_id: str, qty: int) -> SaleView:
        if not isinstance(qty, int) or isinstance(qty, bool) or not 0 < qty <= MAX_QTY:
            raise InvalidInput("cart.qty_out_of_range", max=MAX_QTY)
        line = self.cart.line(line_id)
        if line is None:
            raise NotFound("cart.line_not_found")
        # a line priced by its scale label is one labelled item (OpenLine.from_json reads a cart
        # saved before lines said so)
        if line.from_label and qty != 1:
            raise InvalidInput("cart.weighed_qty_from_label")
        cart = self.cart.with_line(replace(line, qty=qty))
        self._last_line = line_id
        with CartBook(self.till.db) as book:
            return self._save(book, cart)

    def void_line(self, line_id: str, approver_pin: str | None = None) -> SaleView:
        if self.cart.line(line_id) is None:
            raise NotFound("cart.line_not_found")
        approver = None
        if self.cart.payment_started:
            approver = authorize(self.till, self.cashier, "void_after_subtotal", approver_pin)
        cart = self.cart.without_line(line_id)
        with self.till.uow() as uow:
            if approver is not None:
                uow.audit.append("void_line", self.cashier.id, self.till.now(), {"line_id": line_id}, approver.id)
            return self._commit(uow, cart)

    # ---- member, coupons, points ---------------------------------------------------------
    def attach_member(self, query: str, via: str | None = None) -> SaleView:
        """By member id, card number or full phone number: the member earns points and gets tier
        prices, but may not spend (see `may_spend`). `via` names how the cashier found them when
        the query does not say it (a phone look-up hands over the member id it found)."""
        if via is not None and via not in ("card", "phone", "id"):
            raise InvalidInput("member.bad_identification")
        with self.till.uow(durable=False) as uow:
            row, found_by = identify_row(uow, query)
            if row is not None:
                return self._attach(uow, row.id, via or found_by)
        if not fetch_from_hq(self.till, query):  # not held here: asked for at HQ
            raise NotFound("member.not_found")
        with self.till.uow(durable=False) as uow:
            row, found_by = identify_row(uow, query)
            if row is None:
                raise NotFound("member.not_found")
            return self._attach(uow, row.id, via or found_by)

    def _attach(self, uow, member_id: str, identified_by: str) -> SaleView:
        """Make `member_id` the sale's member, identified as said. An identity no better than a
        bare id takes back what only a verified one may use: the points offset and member coupons
        (unless it is the same member, already verified on this sale)."""
        cart = self.cart
        same = cart.member_id == member_id
        if not (same and may_spend(cart.identified_by) and not may_spend(identified_by)):
            cart = replace(cart, identified_by=identified_by)
        if not same:
            cart = replace(cart, redeem_points=0)
        verified = may_spend(cart.identified_by)
        cart = replace(cart, member_id=member_id)
        if not verified:
            cart = replace(cart, redeem_points=0)
        cart = replace(
            cart,
            coupons=tuple(
                c
                for c in cart.coupons
                if uow.members.coupon(c).member_id is None
                or (verified and uow.members.coupon(c).member_id == member_id)
            ),
        )
        return self._commit(uow, cart)

    def attach_member_code(self, code: str) -> SaleView:
        """A member's dynamic code from their phone, verified offline (signature, time, replay):
        the one identification at the till that lets the member spend."""
        parsed = member_code.parse(code)
        if parsed is not None:
            with self.till.uow() as uow:
                held = uow.members.by_id(parsed[0]) is not None
            if not held:  # never seen here: asked for at HQ (its key)
                fetch_from_hq(self.till, code)
        with self.till.uow() as uow:

            def key_for(member_id: str) -> bytes | None:
                row = uow.members.by_id(member_id)
                return row.public_key if row is not None else None

            now = self.till.now()
            check = member_code.verify(code, key_for, int(now.timestamp()), uow.member_codes.seen)
            if not check.ok:
                raise InvalidInput(check.reason)  # a member_code.* code (hardware/member_code.py)
            uow.member_codes.remember(check.replay_key, now)
            return self._attach(uow, check.member_id, "member_code")

    def allow_member_spend(self, approver_pin: str | None) -> SaleView:
        """Manager override: the member found by id, card or phone may spend on THIS sale (points,
        stored value, member coupons). Written to the audit log with how they were found."""
        if not self.cart.member_id:
            raise InvalidInput("member.no_member")
        approver = authorize(self.till, self.cashier, "member_spend", approver_pin)
        before = self.cart.identified_by or "id"
        cart = replace(self.cart, identified_by="override")
        with self.till.uow() as uow:
            uow.audit.append(
                "member_spend_override",
                self.cashier.id,
                self.till.now(),
                {"member_id": cart.member_id, "identified_by": before},
                approver.id,
            )
            return self._commit(uow, cart)

    def _require_spend(self, cart: OpenCart) -> None:
        if not may_spend(cart.identified_by):
            raise PermissionDenied("member.unverified_spend")

    def detach_member(self) -> SaleView:
        with self.till.uow(durable=False) as uow:
            cart = replace(
                self.cart,
                member_id=None,
                redeem_points=0,
                identified_by=None,
                coupons=tuple(c for c in self.cart.coupons if uow.members.coupon(c).member_id is None),
            )
            return self._commit(uow, cart)

    def apply_coupon(self, code: str) -> SaleView:
        """Apply a coupon; refused with the reason in words if it does not apply now."""
        code = code.strip().upper()
        with self.till.uow(durable=False) as uow:
            row = uow.members.coupon(code)
            if row is None:
                raise NotFound("coupon.unknown", code=code[:32])
            if row.status != "issued":
                raise InvalidInput("coupon.used")
            if row.member_id and row.member_id != self.cart.member_id:
                raise InvalidInput("coupon.other_member")
            if row.member_id:
                self._require_spend(self.cart)
            if code in self.cart.coupons:
                raise InvalidInput("coupon.already_applied")
            cart = replace(self.cart, coupons=(*self.cart.coupons, code))
            priced, _ = self._price(uow, cart)
            outcome = next(c for c in priced.coupons if c.code == code)
            if not outcome.applied:
                raise InvalidInput(outcome.reason.code, **outcome.reason.params)
            return self._commit(uow, cart)

    def remove_coupon(self, code: str) -> SaleView:
        if code not in self.cart.coupons:
            raise NotFound("coupon.not_applied")
        coupons = list(self.cart.coupons)
        coupons.remove(code)
        cart = replace(self.cart, coupons=tuple(coupons))
        with self.till.uow(durable=False) as uow:
            return self._commit(uow, cart)

    def redeem_points(self, points: int) -> SaleView:
        """Pay part of the sale with points (capped by the rules; 0 removes the offset)."""
        if not isinstance(points, int) or points < 0:
            raise InvalidInput("points.not_whole")
        if points and not self.cart.member_id:
            raise InvalidInput("points.attach_member")
        if points:
            self._require_spend(self.cart)
        with self.till.uow(durable=False) as uow:
            priced, _ = self._price(uow, replace(self.cart, redeem_points=points))
            return self._commit(uow, replace(self.cart, redeem_points=priced.points_spent))

    # ---- a manager's price override and discount (PRODUCT T1) -------------------------------------
    def _reason(self, reason: str) -> str:
        reason = " ".join(str(reason or "").split())
        if not reason:
            raise InvalidInput("override.reason_needed")
        if len(reason) > MAX_REASON:
            raise InvalidInput("override.reason_too_long", most=MAX_REASON)
        return reason

    def override_price(
        self,
        line_id: str,
        unit_price_fen: int,
        reason: str,
        approver_pin: str | None,
        label_format: str = "Price override ({by}: {reason})",
    ) -> SaleView:
        """Set one line's unit price (lower than its own) with a manager's approval and a reason;
        audited, and shown on screen and receipt as `label_format` naming approver and reason."""
        reason = self._reason(reason)
        line = self.cart.line(line_id)
        if line is None:
            raise NotFound("cart.line_not_found")
        if (
            not isinstance(unit_price_fen, int)
            or isinstance(unit_price_fen, bool)
            or not 0 <= unit_price_fen < line.price
        ):
            raise InvalidInput("override.price_range", most_fen=line.price)
        approver = authorize(self.till, self.cashier, "price_override", approver_pin)
        cart = self.cart.with_line(
            replace(
                line,
                override=LineOverride(
                    unit_price_fen, approver.id, label_format.format(by=approver.name, reason=reason)
                ),
            )
        )
        self._last_line = line_id
        with self.till.uow() as uow:
            uow.audit.append(
                "price_override",
                self.cashier.id,
                self.till.now(),
                {
                    "line_id": line_id,
                    "product_id": line.product_id,
                    "from_fen": line.price,
                    "to_fen": unit_price_fen,
                    "qty": line.qty,
                    "reason": reason,
                },
                approver.id,
            )
            return self._commit(uow, cart)

    def give_discount(
        self,
        reason: str,
        approver_pin: str | None,
        *,
        percent: int = 0,
        amount_fen: int = 0,
        label_format: str = "Discount ({by}: {reason})",
    ) -> SaleView:
        """A manual discount of the whole sale (a percent, or an amount off) with a manager's
        approval and a reason; audited and named on screen and receipt."""
        reason = self._reason(reason)
        for value in (percent, amount_fen):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidInput("discount.bad_value")
        if percent > MAX_DISCOUNT_PERCENT or bool(percent) == bool(amount_fen) or amount_fen > MAX_DISCOUNT_FEN:
            raise InvalidInput("discount.bad_value")
        if self.cart.empty:
            raise InvalidInput("sale.empty")
        approver = authorize(self.till, self.cashier, "manual_discount", approver_pin)
        cart = replace(
            self.cart,
            manual_discount=CartDiscount(
                percent, amount_fen, approver.id, label_format.format(by=approver.name, reason=reason)
            ),
        )
        with self.till.uow() as uow:
            uow.audit.append(
                "manual_discount",
                self.cashier.id,
                self.till.now(),
                {"percent": percent, "amount_fen": amount_fen, "reason": reason},
                approver.id,
            )
            return self._commit(uow, cart)

    def remove_discount(self) -> SaleView:
        """Take the manual discount off (no approval: the customer pays more, not less)."""
        cart = replace(self.cart, manual_discount=None)
        with self.till.uow(durable=False) as uow:
            return self._commit(uow, cart)

    def start_payment(self) -> SaleView:
        """The cashier pressed Pay: from now on voiding needs a manager (void after subtotal)."""
        if self.cart.empty:
            raise InvalidInput("sale.empty")
        cart = replace(self.cart, payment_started=True)
        with self.till.uow() as uow:
            return self._commit(uow, cart)

    # ---- suspend, resume, void ------------------------------------------------------------
    def suspend(self, label: str = "") -> SaleView:
        """挂单: park this sale (kept in the database) and start an empty one."""
        if self.cart.empty:
            raise InvalidInput("sale.empty")
        now = self.till.now()
        with self.till.uow() as uow:
            uow.carts.suspend(self.cart, self.cashier.id, label or now.strftime("%H:%M"), now)
            self._last_line = None
            return self._commit(uow, empty_cart())

    def suspended(self) -> list[tuple[str, str, int]]:
        """(id, label, number of items) of parked sales, oldest first."""
        with self.till.uow() as uow:
            return [(sid, label, cart.items) for sid, label, cart in uow.carts.suspended()]

    def resume(self, suspended_id: str) -> SaleView:
        """取单: bring a parked sale back (the current one must be empty)."""
        if not self.cart.empty:
            raise InvalidInput("sale.finish_first")
        with self.till.uow() as uow:
            cart = uow.carts.take_suspended(suspended_id)
            if cart is None:
                raise NotFound("sale.suspended_gone")
            return self._commit(uow, replace(cart, payment_started=False))

    def void_sale(self, approver_pin: str | None = None) -> SaleView:
        """Throw the whole sale away (after Pay was pressed this needs a manager)."""
        approver = None
        if self.cart.payment_started:
            approver = authorize(self.till, self.cashier, "void_after_subtotal", approver_pin)
        now = self.till.now()
        with self.till.uow() as uow:
            uow.audit.append(
                "void_sale",
                self.cashier.id,
                now,
                {"lines": len(self.cart.lines), "items": [[l.product_id, l.qty] for l in self.cart.lines]},
                approver.id if approver else None,
            )
            self._last_line = None
            return self._commit(uow, empty_cart())

    def reset(self) -> None:
        self.cart = empty_cart()
        self._last_line = None
        self._shown = None


__all__ = ["DomainError", "ProductHit", "SaleSession", "SaleView", "ScanOutcome"]

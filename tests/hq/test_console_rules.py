"""The console's rule publishing pages over real HTTP (a served HQ, a signed-in staff member):
forms, not JSON; a bad promotion is refused with the field named in Chinese and English and HQ
stores nothing; a good one is a draft, previewed, published and restored; roles without the
permission are refused. (The same flows in a real browser: test_console_browser.py.)"""

from __future__ import annotations

from sqlalchemy import func, select

from hq.models import CatalogueRow, ChangeRow, RuleDraft, RuleVersion
from hq.services.rules import RulePublishing

SPECIAL = {
    "id": "PR90",
    "name": "可乐特价",
    "price_fen": "2.50",
    "product_ids": "P000001",
    "priority": "5",
    "active": "1",
    "_sub": "special_price",
}


def counts(console_hq) -> tuple[int, int, int, int]:
    hq = console_hq.hq()
    with hq.tx() as s:
        out = (
            s.scalar(select(func.count()).select_from(ChangeRow)),
            s.scalar(select(func.count()).select_from(CatalogueRow).where(CatalogueRow.kind == "promotions")),
            s.scalar(select(func.count()).select_from(RuleVersion)),
            s.scalar(select(func.count()).select_from(RuleDraft)),
        )
    hq.close()
    return out


def post(client, path, data):
    return client.post(path, data={**data, "csrf_token": client.page_csrf()})


def test_a_bad_promotion_form_is_refused_naming_the_field_and_nothing_is_stored(console_hq):
    mkt = console_hq.signed_in("mkt")
    form = mkt.get("/console/rules/promotions/new?sub=special_price")
    assert form.status_code == 200 and 'name="price_fen"' in form.text and "特价" in form.text
    before = counts(console_hq)
    r = post(mkt, "/console/rules/promotions/save", dict(SPECIAL, price_fen="-5"))
    assert r.status_code == 422
    assert "特价" in r.text and "field-error" in r.text  # the field, by its label, next to it
    r = post(mkt, "/console/rules/promotions/save", dict(SPECIAL, price_fen="abc"))
    assert r.status_code == 422 and "特价" in r.text
    mkt.cookies["hq_lang"] = "en"
    r = post(mkt, "/console/rules/promotions/save", dict(SPECIAL, product_ids="P999999"))
    assert r.status_code == 422 and "Products" in r.text and "P999999" in r.text
    assert counts(console_hq) == before


def test_a_promotion_is_drafted_previewed_published_and_restored_through_the_forms(console_hq):
    mkt = console_hq.signed_in("mkt")
    r = post(mkt, "/console/rules/promotions/save", SPECIAL)
    assert r.status_code == 200 and "PR90" in r.text
    r = mkt.post(
        "/console/rules/preview",
        data={"product_id": ["P000001", ""], "qty": ["1", "1"]},
        headers={"HX-Request": "true", "X-CSRF-Token": mkt.page_csrf()},
    )
    assert r.status_code == 200 and 'id="preview-payable">2.50<' in r.text and "可乐特价" in r.text
    r = post(mkt, "/console/rules/publish", {"note": "cola"})
    assert r.status_code == 200 and "第 1 版" in r.text
    r = post(mkt, "/console/rules/promotions/save", dict(SPECIAL, _key="PR90", price_fen="2.00"))
    assert post(mkt, "/console/rules/publish", {}).status_code == 200
    hq = console_hq.hq()
    rules = RulePublishing(hq)
    assert rules.preview(console_hq.chain_id, [("P000001", 1)]).payable_fen == 200
    r = post(mkt, "/console/rules/versions/1/restore", {})
    assert r.status_code == 200 and [v.number for v in rules.versions(console_hq.chain_id)] == [3, 2, 1]
    assert rules.preview(console_hq.chain_id, [("P000001", 1)]).payable_fen == 250
    hq.close()


def test_who_may_edit_and_publish_rules(console_hq):
    for username, may_see, may_edit in (
        ("aud", True, False),
        ("fin", True, False),
        ("mgr1", False, False),
        ("mkt", True, True),
        ("admin", True, True),
    ):
        c = console_hq.signed_in(username)
        assert (c.get("/console/rules").status_code == 200) == may_see, username
        r = post(c, "/console/rules/promotions/save", SPECIAL)
        assert (r.status_code == 200) == may_edit, (username, r.status_code)
        if not may_edit:
            assert r.status_code == 403

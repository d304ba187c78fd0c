"""The member app's API: sign in with phone + SMS code (signing up on first use, in the chain the
request names or HQ's only chain), profile (and completing it), points, coupons, stored value, device key, daily sign-in."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..base import CodedRefusal
from .deps import CurrentMember, MemberAPIDep
from .errors import ERRORS
from .member_mall import refused

router = APIRouter(prefix="/v1/member", tags=["members"], responses=ERRORS)


class PhoneBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phone: str = Field(pattern=r"^1\d{10}$")
    chain_id: str = Field(default="", max_length=40)


class VerifyBody(PhoneBody):
    code: str = Field(pattern=r"^\d{6}$")
    name: str = Field(default="", max_length=32)
    referral_code: str = Field(default="", max_length=16)


class ProfileBody(BaseModel):
    """The member's own profile fields (issue 18: completing them earns the chain's profile points once)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, max_length=64)
    birthday: str | None = Field(default=None, max_length=10)
    gender: str | None = Field(default=None, max_length=8)
    address: str | None = Field(default=None, max_length=128)
    email: str | None = Field(default=None, max_length=128)


class KeyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    public_key: str = Field(pattern=r"^[0-9a-f]{64}$")


def limited(request: Request, key: str) -> None:
    limit = request.app.state.member_limit
    limit.check(key)
    limit.check(f"ip:{request.client.host if request.client else '-'}")


@router.post("/sms", response_model=None)
def sms(body: PhoneBody, request: Request, members: MemberAPIDep) -> dict | JSONResponse:
    limited(request, body.phone)
    try:
        members.send_code(body.phone)
    except CodedRefusal as exc:  # no SMS provider, or it refused: the app shows why
        return refused(request, exc.error, exc.status)
    return {"ok": True}


@router.post("/session")
def session(body: VerifyBody, request: Request, members: MemberAPIDep) -> dict:
    limited(request, body.phone)
    return members.sign_in_with_code(body.phone, body.code, body.name, body.referral_code, chain_id=body.chain_id)


@router.get("/me")
def me(member_id: CurrentMember, members: MemberAPIDep) -> dict:
    return members.profile(member_id)


@router.get("/points")
def points(member_id: CurrentMember, members: MemberAPIDep) -> list[dict]:
    return members.points_history(member_id)


@router.get("/coupons")
def coupons(member_id: CurrentMember, members: MemberAPIDep) -> list[dict]:
    return members.coupons(member_id)


@router.get("/stored-value")
def stored_value(member_id: CurrentMember, members: MemberAPIDep) -> dict:
    return members.stored_value(member_id)


@router.put("/profile")
def profile(body: ProfileBody, member_id: CurrentMember, request: Request, members: MemberAPIDep) -> dict:
    limited(request, member_id)
    return members.update_profile(member_id, body.model_dump(exclude_none=True))


@router.put("/key")
def register_key(body: KeyBody, member_id: CurrentMember, members: MemberAPIDep) -> dict:
    members.register_key(member_id, body.public_key)
    return {"ok": True}


@router.post("/sign-in")
def daily(member_id: CurrentMember, request: Request, members: MemberAPIDep) -> dict:
    limited(request, member_id)
    return members.daily_sign_in(member_id)

"""A simulated network between tills and an in-process HQ, with faults (seeded).

`SimTransport` speaks the same paths as HQ's HTTP API and round-trips every body through JSON and
the protocol's schemas, like the wire would. The network can drop a request (HQ never sees it),
drop the answer (HQ acted, the till hears nothing), deliver a request twice, hold a request back
and deliver it later (reordering: an old push arriving after newer ones), and partition a till.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from hq import snapshot
from hq.service import HQ, HQError
from sync.protocol import EnrolRequest, PushRequest
from sync.transport import Unreachable


def call(hq: HQ, method: str, path: str, body: Any, token: str | None, params: dict | None) -> tuple[int, Any]:
    """What HQ's routes do, without HTTP."""
    body = json.loads(json.dumps(body)) if body is not None else None
    params = params or {}
    try:
        if path == "/v1/enrol":
            return 200, hq.enrol(EnrolRequest.model_validate(body)).model_dump(mode="json")
        till_id, store, chain = hq.authenticate(token)
        if path == "/v1/push":
            return 200, hq.push(till_id, chain, PushRequest.model_validate(body)).model_dump(mode="json")
        if path == "/v1/pull":
            return 200, hq.pull(till_id, store, chain, int(params["cursor"]), int(params["limit"])).model_dump(
                mode="json"
            )
        if path == "/v1/snapshot":
            return 200, hq.snapshot_start(token).model_dump(mode="json")
        if path.startswith("/v1/snapshot/"):
            page = hq.snapshot_page(token, path.rsplit("/", 1)[1], params.get("after", ""), int(params["limit"]))
            return 200, json.loads(snapshot.page_json(page))  # as the API sends it
    except HQError as exc:
        return exc.status, {"detail": exc.detail}
    return 404, {"detail": "no such route"}


@dataclass
class Faults:
    drop_request: float = 0.0
    drop_answer: float = 0.0
    duplicate: float = 0.0
    delay: float = 0.0  # hold a push back, deliver it at a later call


@dataclass
class SimNet:
    hq: HQ
    rng: random.Random
    faults: Faults = field(default_factory=Faults)
    partitioned: set[str] = field(default_factory=set)
    held: list[tuple] = field(default_factory=list)
    delivered: int = 0

    def transport(self, name: str) -> SimTransport:
        return SimTransport(self, name)

    def deliver_held(self, everything: bool = False) -> None:
        keep = []
        for item in self.held:
            if everything or self.rng.random() < 0.5:
                call(self.hq, *item[1:])
            else:
                keep.append(item)
        self.held = keep


class SimTransport:
    def __init__(self, net: SimNet, name: str):
        self.net, self.name = net, name

    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None, params: dict | None = None
    ) -> tuple[int, Any]:
        net, f = self.net, self.net.faults
        if self.name in net.partitioned:
            raise Unreachable("partitioned")
        net.deliver_held()
        if net.rng.random() < f.drop_request:
            raise Unreachable("request lost")
        if path == "/v1/push" and net.rng.random() < f.delay:
            net.held.append((self.name, method, path, body, token, params))
            raise Unreachable("request delayed")
        status, answer = call(net.hq, method, path, body, token, params)
        net.delivered += 1
        if net.rng.random() < f.duplicate:
            call(net.hq, method, path, body, token, params)
        if net.rng.random() < f.drop_answer:
            raise Unreachable("answer lost")
        return status, answer

    def request_text(self, method: str, path: str, token: str | None = None, params: dict | None = None):
        """As `request`, the answer as the JSON text HQ's route would send."""
        status, answer = self.request(method, path, None, token, params)
        return status, json.dumps(answer, ensure_ascii=False)

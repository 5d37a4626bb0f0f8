"""The shared vectors through the Python API."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import totvs_taf as taf
from conftest import body_bytes, load

DECODERS = {"POST": taf.decode_post, "GET": taf.decode_get, "DELETE": taf.decode_delete}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@pytest.mark.parametrize("case", load("responses.json"), ids=lambda case: case["id"])
def test_responses_decode_to_the_expected_model(case: dict[str, Any]) -> None:
    decoded = DECODERS[case["method"]](case["status"], body_bytes(case))
    (kind, expected), = case["reply"].items()
    if kind == "envelope":
        assert isinstance(decoded, taf.ErrorEntry)
        assert (decoded.code, decoded.description) == (expected["coderr"], expected["description"])
    elif kind == "fault":
        assert isinstance(decoded, taf.Fault)
        (shape, body), = expected["body"].items()
        assert decoded.status == expected["status"]
        assert decoded.shape is taf.FaultShape(shape)
        if shape == "raw":
            assert (decoded.code, decoded.message) == (None, body)
        else:
            assert (decoded.code, decoded.message) == (body["code"], body["message"])
    elif case["method"] == "DELETE":
        assert isinstance(decoded, taf.DeleteResponse)
        assert decoded.success == expected["success"]
    else:
        assert isinstance(decoded, (taf.PostResponse, taf.GetPage))
        assert json.loads(decoded.to_json()) == expected
        assert decoded.raw == expected


@pytest.mark.parametrize("case", load("requests.json"), ids=lambda case: case["id"])
def test_requests_encode_exactly(case: dict[str, Any]) -> None:
    model = case["model"]
    if case["kind"] == "post_request":
        encoded = taf.encode_post_request(model["ticketCode"], model["lote"])
    elif case["kind"] == "delete_request":
        encoded = taf.encode_delete_request(model["tickets"])
    else:
        query = taf.GetQuery.from_query_string(case["body"])
        for name, value in model.items():
            assert getattr(query, snake(name)) == value
        arguments = {"start_rec_no": None}
        arguments.update((snake(name), value) for name, value in model.items())
        encoded = taf.GetQuery(**arguments).to_query_string()
    if case["exact"]:
        assert encoded == case["body"]


# Request decoders are server-side tools and are not part of the Python API.
REPLY_AND_QUERY_ERRORS = [
    case for case in load("decode_errors.json") if case["kind"] in {"post_reply", "get_reply", "get_query"}
]


@pytest.mark.parametrize("case", REPLY_AND_QUERY_ERRORS, ids=lambda case: case["id"])
def test_malformed_inputs_raise_decode_errors(case: dict[str, Any]) -> None:
    body = case["body"]
    calls = {
        "post_reply": lambda: taf.decode_post(case["status"], body.encode()),
        "get_reply": lambda: taf.decode_get(case["status"], body.encode()),
        "get_query": lambda: taf.GetQuery.from_query_string(body),
    }
    with pytest.raises(taf.DecodeError) as caught:
        calls[case["kind"]]()
    expected = case["error"]
    assert (caught.value.code, caught.value.field, caught.value.position) == (
        expected["kind"],
        expected["field"],
        expected["offset"],
    )

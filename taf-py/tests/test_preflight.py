"""Preflight, lote building, sniffing and the emulator's job from Python."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

import totvs_taf
from totvs_taf import Emulator, Severity, ValidationError, build_lotes, preflight, sniff_event

EVENTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "events"


# The branches the emulator registers by default.
SAMPLE = [("T1", "0100"), ("T1", "0101"), ("T2", "0200")]


def event(name: str) -> bytes:
    return (EVENTS / name).read_bytes()


def test_built_lotes_are_clean_and_the_emulator_stores_them() -> None:
    names = ["s1010.xml", "s2220.xml", "s3000.xml"]
    (body,) = build_lotes([event(n) for n in names], ticket_code="T1", source_branch="0100")
    lote = json.loads(body)
    assert [item["registryType"] for item in lote["lote"]] == ["S-1010", "S-2220", "S-3000"]
    assert base64.b64decode(lote["lote"][0]["integrationMessage"]) == event("s1010.xml")
    verdict = preflight(body, branches=SAMPLE)
    assert verdict.is_clean and verdict.exit_code == 0 and verdict.findings == []
    emulator = Emulator()
    status, answer = emulator.handle("POST", "/rest/wstafst2", body)
    assert (status, answer.decode()) == (verdict.status, verdict.body)
    assert repr(emulator.process()) == "JobReport(handled=3, failed=0)"
    # The S-3000 names a receipt no record carries: a direct deletion, nothing to transmit.
    assert repr(emulator.transmit()) == "JobReport(handled=2, failed=0)"


def test_findings_carry_code_field_item_and_fix() -> None:
    (body,) = build_lotes([event("s1010.xml")], ticket_code="T1", source_branch="0100", keys=["K'1"])
    verdict = preflight(body.replace(b'"messageType":"2"', b'"messageType":"3"'), branches=SAMPLE)
    assert verdict.exit_code == 2 and verdict.status == 200
    codes = [(f.item, f.field, f.code, f.severity) for f in verdict.findings]
    assert codes == [
        (0, "messageType", "802", Severity.ERROR),
        (0, "registryKey", "W11", Severity.WARNING),
    ]
    assert "1 ou 2" in verdict.findings[0].message and verdict.findings[0].fix
    assert repr(verdict.findings[0]).startswith("Finding(item=0, field='messageType', code='802', ")
    assert repr(verdict) == "Verdict(status=200, findings=2, exit_code=2)"
    assert json.loads(verdict.to_json())["answer"]["kind"] == "keys"


def test_server_configuration_knobs() -> None:
    (body,) = build_lotes([event("s1010.xml")], ticket_code="T1", source_branch="B9")
    assert "803" in preflight(body, branches=SAMPLE).body
    assert preflight(body, branches=[("G", "B9")]).is_clean
    pending = preflight(body, branches=[("G", "B9")], pending=[("B9", "S-1010", "ID1112223330000002025061014300000001")])
    assert pending.findings[0].code == "813"
    assert preflight(body, branches=[("G", "B9")], layout="legacy").findings[0].code == "814"
    assert preflight(body, branches=[("G", "B9")], layout="unknown").findings[0].code == "W09"
    with pytest.raises(totvs_taf.TafError) as error:
        preflight(body, layout="2.5")
    assert error.value.field == "layout"


def test_build_errors_name_the_event() -> None:
    with pytest.raises(ValidationError) as error:
        build_lotes([event("s1010.xml"), b"neither"], ticket_code="T1", source_branch="0100")
    assert error.value.field == "events[1]" and error.value.code == "build_error"
    with pytest.raises(ValidationError):
        build_lotes([event("t005.txt")], ticket_code="T1", source_branch="0100")
    lotes = build_lotes(
        [event("t005.txt")] * 5, ticket_code="T1", source_branch="0100", keys=["A", "B", "C", "D", "E"], max_items=2
    )
    assert [len(json.loads(lote)["lote"]) for lote in lotes] == [2, 2, 1]


def test_sniff_event() -> None:
    info = sniff_event(event("s2220.xml"))
    assert info["code"] == "S-2220" and info["element"] == "evtMonit"
    assert info["version"] == {"scheme": "simplified", "text": "v_S_01_03_00"}
    with pytest.raises(ValidationError) as error:
        sniff_event(b"<!DOCTYPE x><eSocial/>")
    assert error.value.code == "doctype"


def test_without_branches_no_branch_rule_is_predicted_and_the_verdict_says_so() -> None:
    (body,) = build_lotes([event("s1010.xml")], ticket_code="T1", source_branch="B9")
    verdict = preflight(body)
    assert "803" not in verdict.body and verdict.exit_code == 1
    assert [(f.code, f.field, f.severity) for f in verdict.findings] == [("W22", "sourceBranch", Severity.WARNING)]
    assert preflight(body, branches=[]).findings[0].code == "W22"


def test_a_blank_ticket_code_is_built_with_a_warning_and_flagged_by_the_preflight() -> None:
    with pytest.warns(UserWarning, match="W21"):
        (body,) = build_lotes([event("s1010.xml")], ticket_code=" ", source_branch="0100")
    codes = [f.code for f in preflight(body, branches=SAMPLE).findings]
    assert codes == ["W21"]


def test_an_apostrophe_in_the_branch_is_predicted_as_a_crash() -> None:
    (body,) = build_lotes([event("s1010.xml")], ticket_code="T1", source_branch="0'1")
    verdict = preflight(body, branches=[("G", "0'1")])
    assert (verdict.status, verdict.body, verdict.exit_code) == (200, "", 2)
    assert [(f.code, f.severity) for f in verdict.findings] == [("W20", Severity.ERROR)]

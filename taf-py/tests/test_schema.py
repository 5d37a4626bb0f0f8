"""eSocial schema validation from Python: validate_event and the W23 findings of a verdict."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from totvs_taf import (
    Preflight,
    SchemaFinding,
    SchemaReport,
    Severity,
    Step,
    build_lotes,
    preflight,
    validate_event,
)

EVENTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "events"
SAMPLE = [("T1", "0100"), ("T1", "0101"), ("T2", "0200")]
DSC_RUBR = "/eSocial/evtTabRubrica/infoRubrica/inclusao/dadosRubrica/dscRubr"


def s1010(old: str = "", new: str = "") -> bytes:
    text = (EVENTS / "s1010.xml").read_text()
    assert old in text
    return text.replace(old, new, 1).encode()


def test_a_valid_event_reports_its_event_layout_and_id() -> None:
    report = validate_event(s1010())
    assert isinstance(report, SchemaReport)
    assert report.is_valid and report.findings == [] and not report.truncated
    assert repr(report) == "SchemaReport(event='evtTabRubrica', layout='S-1.3', valid=True, findings=0)"
    assert (report.event, report.layout, report.id) == (
        "evtTabRubrica",
        "S-1.3",
        "ID1112223330000002025061014300000001",
    )


def test_an_overlong_value_is_a_typed_finding() -> None:
    long = "A" * 101
    report = validate_event(s1010("SALARIO BASE MENSAL", long))
    assert not report.is_valid
    (finding,) = report.findings
    assert isinstance(finding, SchemaFinding)
    assert finding.severity is Severity.ERROR
    assert (finding.line, finding.path, finding.rule, finding.value) == (
        1,
        DSC_RUBR,
        "maxLength 100",
        long,
    )
    assert finding.message
    assert DSC_RUBR in str(finding)


def test_partial_events_and_the_signature_option() -> None:
    missing = s1010("<natRubr>1000</natRubr>")
    assert not validate_event(missing).is_valid
    partial = validate_event(missing, partial=True)
    assert partial.is_valid
    assert [f.severity for f in partial.findings] == [Severity.WARNING]
    assert validate_event(s1010()).is_valid
    signed = validate_event(s1010(), require_signature=True)
    assert not signed.is_valid
    assert "Signature" in signed.findings[0].rule


def test_bad_xml_and_unknown_layouts_are_findings_not_exceptions() -> None:
    truncated = validate_event(s1010()[:300])
    assert truncated.event == "evtTabRubrica"
    assert truncated.findings[0].rule.startswith("well-formed")
    unknown = validate_event(s1010("v_S_01_03_00", "v_S_09_09_00"))
    assert unknown.layout is None and not unknown.is_valid


def test_preflight_verdicts_carry_the_schema_finding_and_its_step() -> None:
    (body,) = build_lotes(
        [s1010(), s1010("<tpRubr>1</tpRubr>", "<tpRubr>9</tpRubr>")],
        ticket_code="T1",
        source_branch="0100",
        keys=["K1", "K2"],
    )
    verdict = preflight(body, branches=SAMPLE)
    assert verdict.status == 200 and '"success" : false' not in verdict.body
    (finding,) = verdict.findings
    assert (finding.item, finding.code, finding.severity, finding.step) == (
        1,
        "W23",
        Severity.ERROR,
        Step.GOVERNMENT,
    )
    assert finding.schema is not None
    assert finding.schema.path.endswith("/dadosRubrica/tpRubr") and finding.schema.value == "9"
    assert verdict.exit_code == 2
    assert json.loads(verdict.to_json())["findings"][0]["schema"]["value"] == "9"
    assert preflight(body, branches=SAMPLE, schema=False).findings == []
    # The Preflight class takes the same schema options as the function.
    assert [f.code for f in Preflight(branches=SAMPLE).check(body).findings] == ["W23"]
    assert Preflight(branches=SAMPLE, schema=False).check(body).findings == []
    # Other findings say where they surface too: a declaration the server keeps, the job.
    declared = b"<?xml version='1.0' encoding='UTF-8'?>" + s1010()
    lote = json.dumps(
        {
            "ticketCode": "T1",
            "lote": [
                {
                    "sourceBranch": "0100",
                    "messageType": "2",
                    "messageSequential": "001",
                    "registryType": "S-1010",
                    "registryKey": "K3",
                    "integrationMessage": base64.b64encode(declared).decode(),
                }
            ],
        }
    )
    (kept,) = preflight(lote, branches=SAMPLE).findings
    assert (kept.code, kept.step, kept.schema) == ("W07", Step.INTEGRATION, None)

// eSocial schema validation through the C API: taf_schema_validate and its report, and the
// schema finding and step of a preflight verdict (issue 16).
#include <stdlib.h>

#include "check.h"

#define NS "http://www.esocial.gov.br/schema/evt/evtTabRubrica/v_S_01_03_00"
#define DSC "/eSocial/evtTabRubrica/infoRubrica/inclusao/dadosRubrica/dscRubr"

// The sample S-1010 with `dsc` as dscRubr and `nat` as the natRubr element (may be empty).
static size_t s1010(char *out, size_t cap, const char *dsc, const char *nat) {
    int len = snprintf(out, cap,
        "<eSocial xmlns=\"" NS "\"><evtTabRubrica Id=\"ID1112223330000002025061014300000001\">"
        "<ideEvento><tpAmb>2</tpAmb><procEmi>1</procEmi><verProc>ERP-1.0.0</verProc></ideEvento>"
        "<ideEmpregador><tpInsc>1</tpInsc><nrInsc>11222333</nrInsc></ideEmpregador>"
        "<infoRubrica><inclusao><ideRubrica><codRubr>1001</codRubr><ideTabRubr>RUBR01</ideTabRubr>"
        "<iniValid>2025-01</iniValid></ideRubrica><dadosRubrica><dscRubr>%s</dscRubr>%s"
        "<tpRubr>1</tpRubr><codIncCP>11</codIncCP><codIncIRRF>11</codIncIRRF>"
        "<codIncFGTS>11</codIncFGTS></dadosRubrica></inclusao></infoRubrica></evtTabRubrica></eSocial>",
        dsc, nat);
    CHECK(len > 0 && (size_t)len < cap);
    return (size_t)len;
}

static char text[4096];

static void valid_event(void) {
    char event[2048];
    size_t event_len = s1010(event, sizeof event, "SALARIO", "<natRubr>1000</natRubr>");
    taf_schema_report *report = NULL;
    bool valid = false, truncated = true;
    size_t count = 9, len = 0;
    CHECK_OK(taf_schema_validate((const uint8_t *)event, event_len, false, false, &report));
    CHECK_OK(taf_schema_report_is_valid(report, &valid));
    CHECK(valid);
    CHECK_OK(taf_schema_report_truncated(report, &truncated));
    CHECK(!truncated);
    CHECK_OK(taf_schema_report_finding_count(report, &count));
    CHECK(count == 0);
    CHECK_OK(taf_schema_report_text(report, TAF_SCHEMA_TEXT_EVENT, text, sizeof text, &len));
    CHECK(same_text(text, len, "evtTabRubrica"));
    CHECK_OK(taf_schema_report_text(report, TAF_SCHEMA_TEXT_LAYOUT, text, sizeof text, &len));
    CHECK(same_text(text, len, "S-1.3"));
    CHECK_OK(taf_schema_report_text(report, TAF_SCHEMA_TEXT_ID, text, sizeof text, &len));
    CHECK(same_text(text, len, "ID1112223330000002025061014300000001"));
    char *copy = NULL;
    CHECK_OK(taf_schema_report_text_dup(report, TAF_SCHEMA_TEXT_LAYOUT, &copy));
    CHECK(strcmp(copy, "S-1.3") == 0);
    taf_string_free(copy);
    CHECK_RESULT(taf_schema_report_text(report, 7, text, sizeof text, &len), TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_schema_report_finding(report, 0, NULL, NULL), TAF_RESULT_OUT_OF_RANGE);
    // Required as the XSD says, the absent signature is an error.
    taf_schema_report *signed_report = NULL;
    CHECK_OK(taf_schema_validate((const uint8_t *)event, event_len, true, false, &signed_report));
    CHECK_OK(taf_schema_report_is_valid(signed_report, &valid));
    CHECK(!valid);
    taf_schema_report_free(signed_report);
    taf_schema_report_free(report);
    taf_schema_report_free(NULL);
}

static void invalid_event(void) {
    char dsc[128], event[2048];
    memset(dsc, 'A', 101);
    dsc[101] = '\0';
    size_t event_len = s1010(event, sizeof event, dsc, "<natRubr>1000</natRubr>");
    taf_schema_report *report = NULL;
    bool valid = true;
    size_t count = 0, len = 0, needed = 0;
    uint32_t line = 0;
    taf_severity severity = TAF_SEVERITY_WARNING;
    CHECK_OK(taf_schema_validate((const uint8_t *)event, event_len, false, false, &report));
    CHECK_OK(taf_schema_report_is_valid(report, &valid));
    CHECK(!valid);
    CHECK_OK(taf_schema_report_finding_count(report, &count));
    CHECK(count == 1);
    CHECK_OK(taf_schema_report_finding(report, 0, &line, &severity));
    CHECK(line == 1 && severity == TAF_SEVERITY_ERROR);
    CHECK_OK(taf_schema_report_finding_text(report, 0, TAF_SCHEMA_FINDING_TEXT_PATH, text, sizeof text, &len));
    CHECK(same_text(text, len, DSC));
    char *copy = NULL;
    CHECK_OK(taf_schema_report_finding_text_dup(report, 0, TAF_SCHEMA_FINDING_TEXT_PATH, &copy));
    CHECK(strcmp(copy, DSC) == 0);
    taf_string_free(copy);
    CHECK_OK(taf_schema_report_finding_text(report, 0, TAF_SCHEMA_FINDING_TEXT_RULE, text, sizeof text, &len));
    CHECK(same_text(text, len, "maxLength 100"));
    CHECK_OK(taf_schema_report_finding_text(report, 0, TAF_SCHEMA_FINDING_TEXT_VALUE, text, sizeof text, &len));
    CHECK(same_text(text, len, dsc));
    CHECK_OK(taf_schema_report_finding_text(report, 0, TAF_SCHEMA_FINDING_TEXT_MESSAGE, text, sizeof text, &len));
    CHECK(len > 0);
    // Length-checked: a short buffer is refused and the size needed reported.
    CHECK_RESULT(taf_schema_report_finding_text(report, 0, TAF_SCHEMA_FINDING_TEXT_PATH, text, 4, &needed),
                 TAF_RESULT_BUFFER_TOO_SMALL);
    CHECK(needed == strlen(DSC));
    CHECK_RESULT(taf_schema_report_finding_text(report, 0, 9, text, sizeof text, &len), TAF_RESULT_INVALID_ARGUMENT);
    taf_schema_report_free(report);

    // A partial event: the missing natRubr is a warning.
    event_len = s1010(event, sizeof event, "SALARIO", "");
    CHECK_OK(taf_schema_validate((const uint8_t *)event, event_len, false, true, &report));
    CHECK_OK(taf_schema_report_is_valid(report, &valid));
    CHECK(valid);
    CHECK_OK(taf_schema_report_finding(report, 0, &line, &severity));
    CHECK(severity == TAF_SEVERITY_WARNING);
    CHECK_RESULT(taf_schema_report_finding_text(report, 0, TAF_SCHEMA_FINDING_TEXT_VALUE, text, sizeof text, &len),
                 TAF_RESULT_ABSENT);
    char *absent = NULL;
    CHECK_RESULT(taf_schema_report_finding_text_dup(report, 0, TAF_SCHEMA_FINDING_TEXT_VALUE, &absent),
                 TAF_RESULT_ABSENT);
    CHECK(absent == NULL);
    taf_schema_report_free(report);

    // Not XML at all: a finding, no event, no layout.
    CHECK_OK(taf_schema_validate((const uint8_t *)"<eSocial", 8, false, false, &report));
    CHECK_RESULT(taf_schema_report_text(report, TAF_SCHEMA_TEXT_EVENT, text, sizeof text, &len), TAF_RESULT_ABSENT);
    CHECK_OK(taf_schema_report_is_valid(report, &valid));
    CHECK(!valid);
    taf_schema_report_free(report);
    CHECK_RESULT(taf_schema_validate(NULL, 3, false, false, &report), TAF_RESULT_NULL_ARGUMENT);
}

// A verdict on a lote of one schema-invalid event: W23, an error at the government step.
static void verdict_schema_finding(void) {
    char event[2048];
    size_t event_len = s1010(event, sizeof event, "SALARIO", "<natRubr>10000</natRubr>");
    taf_lote_builder *builder = NULL;
    taf_preflight *preflight = NULL;
    taf_verdict *verdict = NULL;
    size_t count = 0, len = 0, body_len = 0;
    uint8_t exit_code = 0;
    taf_step step = TAF_STEP_POST;
    static char body[8192];
    CHECK_OK(taf_lote_builder_new("T1", 2, "B1", 2, &builder));
    CHECK_OK(taf_lote_builder_add_event(builder, (const uint8_t *)event, event_len, "K1", 2, NULL, 0));
    CHECK_OK(taf_lote_builder_build(builder, &count));
    CHECK_OK(taf_lote_builder_lote(builder, 0, body, sizeof body, &body_len));
    taf_lote_builder_free(builder);
    CHECK_OK(taf_preflight_new(&preflight));
    CHECK_OK(taf_preflight_add_branch(preflight, "G1", 2, "B1", 2));
    CHECK_OK(taf_preflight_check(preflight, (const uint8_t *)body, body_len, &verdict));
    CHECK_OK(taf_verdict_exit_code(verdict, &exit_code));
    CHECK(exit_code == 2);
    CHECK_OK(taf_verdict_finding_count(verdict, &count));
    CHECK(count == 1);
    CHECK_OK(taf_verdict_finding_text(verdict, 0, TAF_FINDING_TEXT_CODE, text, sizeof text, &len));
    CHECK(same_text(text, len, "W23"));
    CHECK_OK(taf_verdict_finding_step(verdict, 0, &step));
    CHECK(step == TAF_STEP_GOVERNMENT);
    CHECK_OK(taf_verdict_finding_schema_text(verdict, 0, TAF_SCHEMA_FINDING_TEXT_VALUE, text, sizeof text, &len));
    CHECK(same_text(text, len, "10000"));
    char *copy = NULL;
    CHECK_OK(taf_verdict_finding_text_dup(verdict, 0, TAF_FINDING_TEXT_CODE, &copy));
    CHECK(strcmp(copy, "W23") == 0);
    taf_string_free(copy);
    CHECK_OK(taf_verdict_finding_schema_text_dup(verdict, 0, TAF_SCHEMA_FINDING_TEXT_VALUE, &copy));
    CHECK(strcmp(copy, "10000") == 0);
    taf_string_free(copy);
    copy = NULL;
    CHECK_RESULT(taf_verdict_finding_text_dup(verdict, 1, TAF_FINDING_TEXT_CODE, &copy), TAF_RESULT_OUT_OF_RANGE);
    CHECK(copy == NULL);
    CHECK_RESULT(taf_verdict_finding_step(verdict, 1, &step), TAF_RESULT_OUT_OF_RANGE);
    taf_verdict_free(verdict);

    // Validation off: the same lote is clean.
    CHECK_OK(taf_preflight_set_schema(preflight, false, false, false));
    CHECK_OK(taf_preflight_check(preflight, (const uint8_t *)body, body_len, &verdict));
    CHECK_OK(taf_verdict_exit_code(verdict, &exit_code));
    CHECK(exit_code == 0);
    CHECK_RESULT(taf_verdict_finding_schema_text(verdict, 0, TAF_SCHEMA_FINDING_TEXT_PATH, text, sizeof text, &len),
                 TAF_RESULT_OUT_OF_RANGE);
    taf_verdict_free(verdict);
    taf_preflight_free(preflight);
}

int main(void) {
    valid_event();
    invalid_event();
    verdict_schema_finding();
    return check_summary("test_schema");
}

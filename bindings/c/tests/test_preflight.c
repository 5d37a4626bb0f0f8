// The lote builder, the preflight verdict, the whole emulator cycle (spec §11 P-06, P-07,
// P-15) and the Live connector, through the C API only.
#include <stdlib.h>

#include "check.h"
#include "fixture.h"

#ifndef TAF_FIXTURES
#define TAF_FIXTURES "tests/fixtures/events/"
#endif

static char text[1 << 16];

// Reads a fixture event into `out`; returns its length (0 on failure).
static size_t read_event(const char *name, char *out, size_t cap) {
    char path[256];
    snprintf(path, sizeof path, "%s%s", TAF_FIXTURES, name);
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        return 0;
    }
    size_t len = fread(out, 1, cap, file);
    fclose(file);
    return len;
}

// Builds one lote of the S-1010 fixture with key K1 into `text`; returns its length.
static size_t build_p06(void) {
    static char event[4096];
    size_t event_len = read_event("s1010.xml", event, sizeof event);
    CHECK(event_len > 0);
    taf_lote_builder *builder = NULL;
    size_t count = 0, len = 0;
    CHECK_OK(taf_lote_builder_new("T1", 2, "B1", 2, &builder));
    CHECK_OK(taf_lote_builder_add_event(builder, (const uint8_t *)event, event_len, "K1", 2, NULL, 0));
    CHECK_OK(taf_lote_builder_build(builder, &count));
    CHECK(count == 1);
    CHECK_OK(taf_lote_builder_lote(builder, 0, text, sizeof text, &len));
    CHECK_RESULT(taf_lote_builder_lote(builder, 1, text, sizeof text, &len), TAF_RESULT_OUT_OF_RANGE);
    taf_lote_builder_free(builder);
    return len;
}

static taf_preflight *spec_preflight(void) {
    taf_preflight *preflight = NULL;
    CHECK_OK(taf_preflight_new(&preflight));
    CHECK_OK(taf_preflight_add_branch(preflight, "G1", 2, "B1", 2));
    CHECK_OK(taf_preflight_add_branch(preflight, "G2", 2, "B2", 2));
    return preflight;
}

// POSTs `body` to `emulator`; leaves the answer in `answer` and returns the status.
static uint16_t post(taf_emulator *emulator, const char *body, size_t len, char *answer, size_t cap,
                     size_t *answer_len) {
    taf_http_request *request = NULL;
    taf_http_response *response = NULL;
    uint16_t status = 0;
    CHECK_OK(taf_http_request_new(TAF_METHOD_POST, "/rest/WSTAFST2", 14, (const uint8_t *)body, len, &request));
    CHECK_OK(taf_emulator_handle(emulator, request, &response));
    CHECK_OK(taf_http_response_status(response, &status));
    CHECK_OK(taf_http_response_body(response, (uint8_t *)answer, cap, answer_len));
    taf_http_response_free(response);
    taf_http_request_free(request);
    return status;
}

static void p06_clean_lote_posts_as_predicted(void) {
    size_t len = build_p06();
    taf_preflight *preflight = spec_preflight();
    taf_verdict *verdict = NULL;
    uint16_t status = 0;
    uint8_t exit_code = 9;
    size_t findings = 9, predicted_len = 0, answer_len = 0;
    static char predicted[1024], answer[1024];
    CHECK_OK(taf_preflight_check(preflight, (const uint8_t *)text, len, &verdict));
    CHECK_OK(taf_verdict_status(verdict, &status));
    CHECK_OK(taf_verdict_exit_code(verdict, &exit_code));
    CHECK_OK(taf_verdict_finding_count(verdict, &findings));
    CHECK_OK(taf_verdict_body(verdict, predicted, sizeof predicted, &predicted_len));
    const char *p06 = "{\"ticketCode\" : \"T1\",\"registryKey\" : [{\"key\" : \"K1\",\"success\" : true}], \"keyAmount\" : 1 }";
    CHECK(status == 200 && exit_code == 0 && findings == 0);
    CHECK(same_text(predicted, predicted_len, p06));

    taf_emulator *emulator = spec_emulator(NULL);
    CHECK(post(emulator, text, len, answer, sizeof answer, &answer_len) == 200);
    CHECK(same_text(answer, answer_len, p06));

    // The whole cycle: the job, the government step, then GET shows status 4 and a receipt.
    size_t handled = 0, failed = 9;
    CHECK_OK(taf_emulator_process(emulator, &handled, &failed));
    CHECK(handled == 1 && failed == 0);
    CHECK_RESULT(taf_emulator_transmit(emulator, NULL, &failed), TAF_RESULT_NULL_ARGUMENT);
    CHECK_OK(taf_emulator_transmit(emulator, &handled, &failed));
    CHECK(handled == 1 && failed == 0);
    taf_http_request *request = NULL;
    taf_http_response *response = NULL;
    const char *url = "/rest/WSTAFST2?startRecNo=1&ticketCode=T1&sourceBranch=B1";
    CHECK_OK(taf_http_request_new(TAF_METHOD_GET, url, strlen(url), NULL, 0, &request));
    CHECK_OK(taf_emulator_handle(emulator, request, &response));
    CHECK_OK(taf_http_response_body(response, (uint8_t *)answer, sizeof answer, &answer_len));
    answer[answer_len < sizeof answer ? answer_len : sizeof answer - 1] = '\0';
    CHECK(strstr(answer, "\"statusCode\" : \"4\"") != NULL);
    CHECK(strstr(answer, "\"receiptNumber\" : \"1.2.0000000000000000001\"") != NULL);
    taf_http_response_free(response);
    taf_http_request_free(request);
    taf_emulator_free(emulator);
    taf_verdict_free(verdict);
    taf_preflight_free(preflight);
}

static void p07_p15_findings(void) {
    taf_preflight *preflight = spec_preflight();
    const char *p07 = "{\"ticketCode\":\"T1\",\"lote\":[{\"sourceBranch\":\"B1\",\"messageType\":\"3\","
                      "\"messageSequential\":\"001\",\"registryType\":\"S-1010\",\"registryKey\":\"K1\","
                      "\"integrationMessage\":\"PGE+PC9hPg==\"}]}";
    taf_verdict *verdict = NULL;
    size_t count = 0, len = 0;
    int64_t item = -2;
    taf_severity severity = TAF_SEVERITY_WARNING;
    uint8_t exit_code = 0;
    CHECK_OK(taf_preflight_check(preflight, (const uint8_t *)p07, strlen(p07), &verdict));
    CHECK_OK(taf_verdict_finding_count(verdict, &count));
    CHECK(count == 1);
    CHECK_OK(taf_verdict_finding_item(verdict, 0, &item));
    CHECK_OK(taf_verdict_finding_severity(verdict, 0, &severity));
    CHECK_OK(taf_verdict_exit_code(verdict, &exit_code));
    CHECK(item == 0 && severity == TAF_SEVERITY_ERROR && exit_code == 2);
    CHECK_OK(taf_verdict_finding_text(verdict, 0, TAF_FINDING_TEXT_CODE, text, sizeof text, &len));
    CHECK(same_text(text, len, "802"));
    CHECK_OK(taf_verdict_finding_text(verdict, 0, TAF_FINDING_TEXT_FIELD, text, sizeof text, &len));
    CHECK(same_text(text, len, "messageType"));
    CHECK_RESULT(taf_verdict_finding_text(verdict, 0, TAF_FINDING_TEXT_MESSAGE, text, 4, &len), TAF_RESULT_BUFFER_TOO_SMALL);
    CHECK(len == strlen("O valor do campo TAFCODMSG (messageType)  deve ser 1 ou 2 (1=txt/2=xml)."));
    CHECK_RESULT(taf_verdict_finding_item(verdict, 1, &item), TAF_RESULT_OUT_OF_RANGE);
    taf_verdict_free(verdict);

    // P-15 against a key pending on the server: 813 on the registry key.
    CHECK_OK(taf_preflight_add_pending(preflight, "B1", 2, "S-1010", 6, "K1", 2));
    size_t p06_len = build_p06();
    CHECK_OK(taf_preflight_check(preflight, (const uint8_t *)text, p06_len, &verdict));
    CHECK_OK(taf_verdict_finding_text(verdict, 0, TAF_FINDING_TEXT_CODE, text, sizeof text, &len));
    CHECK(same_text(text, len, "813"));
    CHECK_OK(taf_verdict_to_json(verdict, text, sizeof text, &len));
    CHECK(len > 0 && text[0] == '{');
    taf_verdict_free(verdict);

    CHECK_RESULT(taf_preflight_check(NULL, (const uint8_t *)p07, 1, &verdict), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_preflight_add_branch(preflight, "\xff", 1, "B", 1), TAF_RESULT_INVALID_UTF8);
    CHECK_OK(taf_preflight_set_rules(preflight, TAF_LAYOUT_LEGACY, true));
    taf_preflight_free(preflight);
    taf_preflight_free(NULL);
    taf_verdict_free(NULL);
}

static void builder_errors_and_sniffing(void) {
    taf_lote_builder *builder = NULL;
    size_t count = 0, len = 0;
    CHECK_OK(taf_lote_builder_new("T1", 2, "B1", 2, &builder));
    CHECK_OK(taf_lote_builder_set_options(builder, "2", 1, true, 1));
    CHECK_OK(taf_lote_builder_add_event(builder, (const uint8_t *)"|T005|UN|X||\r\n", 14, "UN", 2, NULL, 0));
    CHECK_OK(taf_lote_builder_add_event(builder, (const uint8_t *)"|T005|KG|Y||\r\n", 14, "KG", 2, NULL, 0));
    CHECK_OK(taf_lote_builder_build(builder, &count));
    CHECK(count == 2);
    CHECK_OK(taf_lote_builder_lote(builder, 1, text, sizeof text, &len));
    text[len] = '\0';
    CHECK(strstr(text, "\"registryType\":\"T005\",\"registryKey\":\"KG\"") != NULL);
    CHECK(strstr(text, "\"registryPriority\":\"2\",\"integrationQueue\":\"1\"") != NULL);
    CHECK_OK(taf_lote_builder_add_event(builder, (const uint8_t *)"neither", 7, NULL, 0, NULL, 0));
    CHECK_RESULT(taf_lote_builder_build(builder, &count), TAF_RESULT_INVALID_ARGUMENT);
    taf_lote_builder_free(builder);
    taf_lote_builder_free(NULL);

    static char event[4096];
    size_t event_len = read_event("s2220.xml", event, sizeof event);
    CHECK_OK(taf_event_sniff((const uint8_t *)event, event_len, text, sizeof text, &len));
    text[len] = '\0';
    CHECK(strstr(text, "\"code\":\"S-2220\"") != NULL);
    CHECK_RESULT(taf_event_sniff((const uint8_t *)"<!DOCTYPE a><a/>", 16, text, sizeof text, &len), TAF_RESULT_DECODE_ERROR);
}

static void live_connector(void) {
    const char *url = "http://live.example/LiveConnector/FacadeIntegracao.svc";
    taf_live_args args = {0};
    args.chave = "k&1";
    args.chave_len = 3;
    args.codigo = "220000251";
    args.codigo_len = 9;
    args.ticket = "0191211140546677";
    args.ticket_len = 16;
    taf_http_request *request = NULL;
    size_t len = 0;
    CHECK_OK(taf_live_request(TAF_LIVE_OPERATION_STATUS, url, strlen(url), &args, &request));
    CHECK_OK(taf_http_request_body(request, (uint8_t *)text, sizeof text, &len));
    text[len] = '\0';
    CHECK(strstr(text, "<ren1:Chave>k&amp;1</ren1:Chave>") != NULL);
    CHECK(strstr(text, "<ren1:NumeroTicket>0191211140546677</ren1:NumeroTicket>") != NULL);
    taf_http_request_free(request);
    CHECK_RESULT(taf_live_request(TAF_LIVE_OPERATION_STATUS, url, strlen(url), NULL, &request), TAF_RESULT_NULL_ARGUMENT);

    const char *answer =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
        "<ConsultarStatusTicketLC_IntegracaoResponse xmlns=\"http://LiveConnector/\">"
        "<ConsultarStatusTicketLC_IntegracaoResult xmlns:a=\"http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects\" "
        "xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<a:I><a:DetalheSituacao i:nil=\"true\"/><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:I>"
        "<a:I><a:DetalheSituacao>x</a:DetalheSituacao><a:SituacaoProcessamento>AguardandoProcessamento</a:SituacaoProcessamento></a:I>"
        "</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>";
    taf_live_status *status = NULL;
    size_t count = 0;
    taf_process_status verdict = TAF_PROCESS_STATUS_SUCCESS;
    CHECK_OK(taf_live_status_parse((const uint8_t *)answer, strlen(answer), &status));
    CHECK_OK(taf_live_status_count(status, &count));
    CHECK(count == 2);
    CHECK_RESULT(taf_live_status_text(status, 0, TAF_LIVE_STATUS_FIELD_DETALHE, text, sizeof text, &len), TAF_RESULT_ABSENT);
    CHECK_OK(taf_live_status_text(status, 1, TAF_LIVE_STATUS_FIELD_SITUACAO, text, sizeof text, &len));
    CHECK(same_text(text, len, "AguardandoProcessamento"));
    CHECK_OK(taf_live_status_process_status(status, true, TAF_PROCESS_STATUS_ERROR, &verdict));
    CHECK(verdict == TAF_PROCESS_STATUS_PROCESSING);
    taf_live_status_free(status);

    const char *fault = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
                        "<faultcode>s:Client</faultcode><faultstring>Chave de Acesso Inv\xc3\xa1lida</faultstring>"
                        "</s:Fault></s:Body></s:Envelope>";
    CHECK_RESULT(taf_live_status_parse((const uint8_t *)fault, strlen(fault), &status), TAF_RESULT_INVALID_ACCESS_KEY);
    const char *input = "{\"chaveAcesso\":\"k\",\"codigoSistemaSatelite\":\"1\",\"numeroTicket\":\"0999999999999999\",\"manter\":[1]}";
    CHECK_OK(taf_live_capsule(TAF_LIVE_OPERATION_STATUS, input, strlen(input), 500, (const uint8_t *)fault,
                              strlen(fault), 1559243275088ULL, false, text, sizeof text, &len));
    CHECK(same_text(text, len, "{\"timestamp\":1559243275088,\"error\":\"N\xc3\xa3o foi poss\xc3\xadvel consultar ticket.\",\"code\":500,\"manter\":[1]}"));
    CHECK_OK(taf_live_ticket_number(2019, 12, 11, 14, 5, 46, 677, text, sizeof text, &len));
    CHECK(same_text(text, len, "0191211140546677"));
    CHECK_RESULT(taf_live_ticket_number(2019, 13, 11, 14, 5, 46, 677, text, sizeof text, &len), TAF_RESULT_INVALID_ARGUMENT);
}

int main(void) {
    p06_clean_lote_posts_as_predicted();
    p07_p15_findings();
    builder_errors_and_sniffing();
    live_connector();
    return check_summary("test_preflight");
}

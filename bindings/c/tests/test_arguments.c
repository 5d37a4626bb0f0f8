// Arguments a C caller can get wrong: enum numbers outside their enum, NULL with a length,
// and the last failure's detail across later calls and during thread teardown.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>

#include "check.h"

static const uint32_t out_of_range[] = {14, 99, 0x7fffffffu, UINT32_MAX};
#define OUT_OF_RANGE_COUNT (sizeof out_of_range / sizeof out_of_range[0])

static const char status_answer[] =
    "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
    "<ConsultarStatusTicketLC_IntegracaoResponse xmlns=\"http://LiveConnector/\">"
    "<ConsultarStatusTicketLC_IntegracaoResult xmlns:a=\"http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects\" "
    "xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">"
    "<a:I><a:DetalheSituacao i:nil=\"true\"/><a:NumeroSequencia>1</a:NumeroSequencia>"
    "<a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:I>"
    "</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>";

// Whether taf_error_message(code) contains `part`.
static int message_contains(taf_result code, const char *part) {
    char message[512];
    size_t len = 0;
    if (taf_error_message(code, message, sizeof message - 1, &len) != TAF_RESULT_OK) {
        return 0;
    }
    message[len] = '\0';
    return strstr(message, part) != NULL;
}

// Every export that takes an enum as uint32_t refuses numbers outside the enum, writes no
// output and names the number in the message.
static void enum_numbers_outside_their_enum_are_refused(void) {
    const char *url = "http://live.example/LiveConnector/FacadeIntegracao.svc";
    const char *post = "{\"ticketCode\":\"T1\",\"lote\":[{\"sourceBranch\":\"B1\",\"messageType\":\"3\"}]}";
    const char *input = "{\"chaveAcesso\":\"k\",\"codigoSistemaSatelite\":\"1\",\"numeroTicket\":\"0999999999999999\"}";
    taf_live_args args = {0};
    args.chave = "k";
    args.chave_len = 1;
    taf_preflight *preflight = NULL;
    taf_verdict *verdict = NULL;
    taf_live_status *status = NULL;
    taf_status_policy *policy = NULL;
    taf_http_response *response = NULL;
    size_t findings = 0;
    CHECK_OK(taf_preflight_new(&preflight));
    CHECK_OK(taf_preflight_check(preflight, (const uint8_t *)post, strlen(post), &verdict));
    CHECK_OK(taf_verdict_finding_count(verdict, &findings));
    CHECK(findings > 0);
    CHECK_OK(taf_live_status_parse((const uint8_t *)status_answer, strlen(status_answer), &status));
    CHECK_OK(taf_status_policy_new(&policy));
    CHECK_OK(taf_http_response_new(200, (const uint8_t *)"{}", 2, &response));

    for (size_t i = 0; i < OUT_OF_RANGE_COUNT; i++) {
        uint32_t bad = out_of_range[i];
        char number[16], text[256];
        snprintf(number, sizeof number, "%u ", (unsigned)bad);
        size_t len = 12345;
        taf_http_request *request = NULL;
        taf_process_status process = TAF_PROCESS_STATUS_SUCCESS;
        taf_decision decision = {TAF_ACTION_RETRY, 77, TAF_REQUEST_ERROR_OTHER};

        CHECK_RESULT(taf_preflight_set_rules(preflight, bad, true), TAF_RESULT_INVALID_ARGUMENT);
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "is not a taf_layout value"));
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, number));
        CHECK_RESULT(taf_verdict_finding_text(verdict, 0, bad, text, sizeof text, &len), TAF_RESULT_INVALID_ARGUMENT);
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "is not a taf_finding_text value"));
        CHECK_RESULT(taf_live_request(bad, url, strlen(url), &args, &request), TAF_RESULT_INVALID_ARGUMENT);
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "is not a taf_live_operation value"));
        CHECK_RESULT(taf_live_parse(bad, (const uint8_t *)status_answer, strlen(status_answer), text, sizeof text, &len),
                     TAF_RESULT_INVALID_ARGUMENT);
        CHECK_RESULT(taf_live_capsule(bad, input, strlen(input), 200, (const uint8_t *)status_answer,
                                      strlen(status_answer), 0, false, text, sizeof text, &len),
                     TAF_RESULT_INVALID_ARGUMENT);
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "is not a taf_live_operation value"));
        CHECK_RESULT(taf_live_status_text(status, 0, bad, text, sizeof text, &len), TAF_RESULT_INVALID_ARGUMENT);
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "is not a taf_live_status_field value"));
        CHECK_RESULT(taf_live_status_process_status(status, true, bad, &process), TAF_RESULT_INVALID_ARGUMENT);
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "is not a taf_process_status value"));
        CHECK_RESULT(taf_http_request_new(bad, "/", 1, NULL, 0, &request), TAF_RESULT_INVALID_ARGUMENT);
        CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "is not a taf_method value"));
        CHECK_RESULT(taf_status_policy_decide(policy, bad, response, 0, 1, 0, &decision), TAF_RESULT_INVALID_ARGUMENT);
        CHECK_RESULT(taf_error_message(bad, text, sizeof text, &len), TAF_RESULT_INVALID_ARGUMENT);
        // Nothing was written.
        CHECK(len == 12345 && request == NULL && process == TAF_PROCESS_STATUS_SUCCESS);
        CHECK(decision.action == TAF_ACTION_RETRY && decision.delay_ms == 77);
    }

    // The number just past each enum's last value is refused; the last value is accepted.
    char text[4096];
    size_t len = 0;
    taf_http_request *request = NULL;
    taf_process_status process = TAF_PROCESS_STATUS_SUCCESS;
    taf_decision decision;
    CHECK_RESULT(taf_preflight_set_rules(preflight, TAF_LAYOUT_LEGACY + 1, false), TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_verdict_finding_text(verdict, 0, TAF_FINDING_TEXT_FIX + 1, text, sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_request(TAF_LIVE_OPERATION_CONFIRM + 1, url, strlen(url), &args, &request),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_parse(TAF_LIVE_OPERATION_CONFIRM + 1, (const uint8_t *)status_answer,
                                strlen(status_answer), text, sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_capsule(TAF_LIVE_OPERATION_CONFIRM + 1, input, strlen(input), 200,
                                  (const uint8_t *)status_answer, strlen(status_answer), 0, false, text,
                                  sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_status_text(status, 0, TAF_LIVE_STATUS_FIELD_NUMERO_SEQUENCIA + 1, text, sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_status_process_status(status, true, TAF_PROCESS_STATUS_SUCCESS + 1, &process),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_http_request_new(TAF_METHOD_DELETE + 1, "/", 1, NULL, 0, &request), TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_status_policy_decide(policy, TAF_METHOD_DELETE + 1, response, 0, 1, 0, &decision),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_error_message(TAF_RESULT_INVALID_ACCESS_KEY + 1, text, sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK(request == NULL);
    CHECK_OK(taf_preflight_set_rules(preflight, TAF_LAYOUT_LEGACY, false));
    CHECK_OK(taf_verdict_finding_text(verdict, 0, TAF_FINDING_TEXT_FIX, text, sizeof text, &len));
    args.ticket = "42";  // a confirmation needs a real ticket (never "" or "0")
    args.ticket_len = 2;
    CHECK_OK(taf_live_request(TAF_LIVE_OPERATION_CONFIRM, url, strlen(url), &args, &request));
    taf_http_request_free(request);
    CHECK_OK(taf_live_parse(TAF_LIVE_OPERATION_STATUS, (const uint8_t *)status_answer, strlen(status_answer), text,
                            sizeof text, &len));
    CHECK(strstr(text, "\"situacaoProcessamento\":\"Processado\"") != NULL);
    CHECK_OK(taf_live_status_text(status, 0, TAF_LIVE_STATUS_FIELD_NUMERO_SEQUENCIA, text, sizeof text, &len));
    CHECK(same_text(text, len, "1"));
    char *copy = NULL;
    CHECK_OK(taf_live_status_text_dup(status, 0, TAF_LIVE_STATUS_FIELD_SITUACAO, &copy));
    CHECK(strcmp(copy, "Processado") == 0);
    taf_string_free(copy);
    copy = NULL;
    CHECK_RESULT(taf_live_status_text_dup(status, 0, TAF_LIVE_STATUS_FIELD_NUMERO_SEQUENCIA + 1, &copy),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK(copy == NULL);
    CHECK_OK(taf_live_status_process_status(status, true, TAF_PROCESS_STATUS_SUCCESS, &process));
    CHECK(process == TAF_PROCESS_STATUS_SUCCESS);
    CHECK_RESULT(taf_live_capsule(TAF_LIVE_OPERATION_CONFIRM, input, strlen(input), 200,
                                  (const uint8_t *)status_answer, strlen(status_answer), 0, false, text,
                                  sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK(message_contains(TAF_RESULT_INVALID_ARGUMENT, "no capsule wraps this operation"));

    taf_http_response_free(response);
    taf_status_policy_free(policy);
    taf_live_status_free(status);
    taf_verdict_free(verdict);
    taf_preflight_free(preflight);
}

// NULL with a non-zero length is NULL_ARGUMENT, also where NULL with length 0 means "none".
static void null_with_a_length_is_refused(void) {
    taf_lote_builder *builder = NULL;
    const uint8_t event[] = "|T005|UN|X||\r\n";
    CHECK_OK(taf_lote_builder_new("T1", 2, "B1", 2, &builder));
    CHECK_RESULT(taf_lote_builder_add_event(builder, event, sizeof event - 1, NULL, 2, NULL, 0), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_lote_builder_add_event(builder, event, sizeof event - 1, "UN", 2, NULL, 4), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_lote_builder_set_options(builder, NULL, 1, false, 0), TAF_RESULT_NULL_ARGUMENT);
    // NULL with length 0 still means "none": no priority, key and type from the event.
    CHECK_OK(taf_lote_builder_set_options(builder, NULL, 0, false, 0));
    CHECK_OK(taf_lote_builder_add_event(builder, event, sizeof event - 1, "UN", 2, NULL, 0));
    size_t count = 0, len = 0;
    char text[1024];
    CHECK_OK(taf_lote_builder_build(builder, &count));
    CHECK(count == 1);
    CHECK_OK(taf_lote_builder_lote(builder, 0, text, sizeof text - 1, &len));
    text[len] = '\0';
    CHECK(strstr(text, "registryPriority") == NULL);
    CHECK(strstr(text, "\"registryKey\":\"UN\"") != NULL);
    taf_lote_builder_free(builder);

    const char *url = "http://live.example/LiveConnector/FacadeIntegracao.svc";
    taf_http_request *request = NULL;
    taf_live_args args = {0};
    args.chave_len = 3;
    CHECK_RESULT(taf_live_request(TAF_LIVE_OPERATION_STATUS, url, strlen(url), &args, &request), TAF_RESULT_NULL_ARGUMENT);
    args.chave_len = 0;
    args.codigo_len = 1;
    CHECK_RESULT(taf_live_request(TAF_LIVE_OPERATION_STORES, url, strlen(url), &args, &request), TAF_RESULT_NULL_ARGUMENT);
    args.codigo_len = 0;
    args.ticket_len = 16;
    CHECK_RESULT(taf_live_request(TAF_LIVE_OPERATION_CONFIRM, url, strlen(url), &args, &request), TAF_RESULT_NULL_ARGUMENT);
    args.ticket_len = 0;
    args.usuario_len = 2;
    CHECK_RESULT(taf_live_request(TAF_LIVE_OPERATION_ACCESS_KEY, url, strlen(url), &args, &request), TAF_RESULT_NULL_ARGUMENT);
    args.usuario_len = 0;
    args.senha_len = 2;
    CHECK_RESULT(taf_live_request(TAF_LIVE_OPERATION_ACCESS_KEY, url, strlen(url), &args, &request), TAF_RESULT_NULL_ARGUMENT);
    CHECK(request == NULL);
}

// A failure's detail survives later successful calls until the next failure replaces it.
static void the_last_failure_outlives_successes(void) {
    taf_get_page *page = NULL;
    taf_get_query *query = NULL;
    const char *broken = "{ \"type\" : \"ticketCode\",\"code\" : \"T1\"}";
    CHECK_RESULT(taf_get_page_decode(200, (const uint8_t *)broken, strlen(broken), &page), TAF_RESULT_DECODE_ERROR);
    CHECK_OK(taf_get_query_new(&query));
    CHECK_OK(taf_get_query_set_ticket_code(query, "T1", 2));
    CHECK(message_contains(TAF_RESULT_DECODE_ERROR, "items: required field is absent"));
    // Another failure replaces it.
    CHECK_RESULT(taf_get_query_set_ticket_code(query, "\xff", 1), TAF_RESULT_INVALID_UTF8);
    CHECK(!message_contains(TAF_RESULT_DECODE_ERROR, "items:"));
    CHECK(message_contains(TAF_RESULT_INVALID_UTF8, "invalid UTF-8 at byte 0"));
    taf_get_query_free(query);
}

// Failing calls from a pthread key destructor run after the library's thread-local storage is
// gone: they still return their code (no abort), with the code's plain description.
static pthread_key_t teardown_key;
static taf_result teardown_result = TAF_RESULT_OK;
static taf_result teardown_message_result = TAF_RESULT_PANIC;
static char teardown_message[128];

static void call_during_teardown(void *value) {
    (void)value;
    size_t len = 0;
    teardown_result = taf_get_query_new(NULL);
    teardown_message_result = taf_error_message(TAF_RESULT_NULL_ARGUMENT, teardown_message, sizeof teardown_message - 1, &len);
    teardown_message[teardown_message_result == TAF_RESULT_OK ? len : 0] = '\0';
}

static void *thread_body(void *unused) {
    (void)unused;
    // A failure first, so the library's thread-local slot exists and is torn down.
    taf_result first = taf_get_query_new(NULL);
    pthread_setspecific(teardown_key, &teardown_key);
    return first == TAF_RESULT_NULL_ARGUMENT ? &teardown_key : NULL;
}

static void failures_during_thread_teardown(void) {
    pthread_t thread;
    void *returned = NULL;
    CHECK(pthread_key_create(&teardown_key, call_during_teardown) == 0);
    CHECK(pthread_create(&thread, NULL, thread_body, NULL) == 0);
    CHECK(pthread_join(thread, &returned) == 0);
    CHECK(returned == &teardown_key);
    CHECK(teardown_result == TAF_RESULT_NULL_ARGUMENT);
    CHECK(teardown_message_result == TAF_RESULT_OK);
    CHECK(strncmp(teardown_message, "a required pointer argument is NULL", 35) == 0);
    pthread_key_delete(teardown_key);
}

int main(void) {
    enum_numbers_outside_their_enum_are_refused();
    null_with_a_length_is_refused();
    the_last_failure_outlives_successes();
    failures_during_thread_teardown();
    return check_summary("test_arguments");
}

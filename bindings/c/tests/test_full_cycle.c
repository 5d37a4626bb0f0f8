// A full cycle as a C program writes it with the allocating accessors (`_dup`, freed with
// taf_string_free) and the endpoint's POST and DELETE builders: build a lote, check it, POST it
// to the in-process emulator, follow its key with the tracker until it is final, then delete
// the ticket. Also what the `_dup` accessors promise: failures passed through with their
// detail, a NUL byte refused, the size query never left as the last failure.
#include <stdlib.h>

#include "check.h"
#include "fixture.h"

#ifndef TAF_FIXTURES
#define TAF_FIXTURES "tests/fixtures/events/"
#endif

// Sends `request` to `emulator` and stores the status and a NUL-terminated copy of the body.
static uint16_t exchange(taf_emulator *emulator, const taf_http_request *request, char **body, size_t *len) {
    taf_http_response *response = NULL;
    uint16_t status = 0;
    CHECK_OK(taf_emulator_handle(emulator, request, &response));
    CHECK_OK(taf_http_response_status(response, &status));
    CHECK_RESULT(taf_http_response_body(response, NULL, 0, len), TAF_RESULT_BUFFER_TOO_SMALL);
    *body = calloc(*len + 1, 1);
    CHECK_OK(taf_http_response_body(response, (uint8_t *)*body, *len, len));
    taf_http_response_free(response);
    return status;
}

// Reads a fixture event into a new buffer; stores its length.
static char *read_event(const char *name, size_t *len) {
    char path[256];
    snprintf(path, sizeof path, "%s%s", TAF_FIXTURES, name);
    FILE *file = fopen(path, "rb");
    char *event = calloc(1 << 16, 1);
    *len = file != NULL ? fread(event, 1, 1 << 16, file) : 0;
    if (file != NULL) {
        fclose(file);
    }
    return event;
}

static void post_track_and_delete(void) {
    taf_emulator *emulator = spec_emulator(NULL);
    taf_endpoint *endpoint = NULL;
    taf_lote_builder *builder = NULL;
    taf_preflight *preflight = NULL;
    taf_verdict *verdict = NULL;
    taf_http_request *request = NULL;
    taf_post_response *posted = NULL;
    taf_tracker *tracker = NULL;
    size_t event_len = 0, count = 0, len = 0;
    char *event = read_event("s2220.xml", &event_len);
    char *lote = NULL, *text = NULL, *body = NULL;
    CHECK(emulator != NULL && event_len > 0);

    CHECK_OK(taf_endpoint_new("http://emulator", 15, &endpoint));
    CHECK_OK(taf_endpoint_set_credentials(endpoint, "qa", 2, "secret", 6));
    CHECK_OK(taf_lote_builder_new("T1", 2, "B1", 2, &builder));
    CHECK_OK(taf_lote_builder_add_event(builder, (const uint8_t *)event, event_len, "K1", 2, NULL, 0));
    CHECK_OK(taf_lote_builder_build(builder, &count));
    CHECK_OK(taf_lote_builder_lote_dup(builder, 0, &lote));
    CHECK(lote != NULL && strncmp(lote, "{\"ticketCode\":\"T1\",\"lote\":[{\"sourceBranch\":\"B1\"", 47) == 0);
    CHECK(strstr(lote, "\"registryKey\":\"K1\"") != NULL);
    CHECK_RESULT(taf_lote_builder_lote_dup(builder, 1, &text), TAF_RESULT_OUT_OF_RANGE);

    CHECK_OK(taf_preflight_new(&preflight));
    CHECK_OK(taf_preflight_add_branch(preflight, "G1", 2, "B1", 2));
    CHECK_OK(taf_preflight_check(preflight, (const uint8_t *)lote, strlen(lote), &verdict));
    CHECK_OK(taf_verdict_body_dup(verdict, &text));
    CHECK(strstr(text, "\"key\" : \"K1\",\"success\" : true") != NULL);
    taf_string_free(text);
    CHECK_OK(taf_verdict_to_json_dup(verdict, &text));
    CHECK(text[0] == '{' && strstr(text, "\"findings\"") != NULL);
    taf_string_free(text);

    // The POST: URL, headers and the body exactly as built.
    CHECK_OK(taf_endpoint_post_request(endpoint, (const uint8_t *)lote, strlen(lote), &request));
    CHECK_OK(taf_http_request_url_dup(request, &text));
    CHECK(strcmp(text, "http://emulator/rest/WSTAFST2") == 0);
    taf_string_free(text);
    size_t headers = 0;
    int content_type = 0, authorization = 0;
    CHECK_OK(taf_http_request_header_count(request, &headers));
    for (size_t i = 0; i < headers; i++) {
        char *name = NULL, *value = NULL;
        CHECK_OK(taf_http_request_header_name_dup(request, i, &name));
        CHECK_OK(taf_http_request_header_value_dup(request, i, &value));
        content_type += strcmp(name, "Content-Type") == 0 && strcmp(value, "application/json;charset=UTF-8") == 0;
        authorization += strcmp(name, "Authorization") == 0 && strcmp(value, "Basic cWE6c2VjcmV0") == 0;
        taf_string_free(name);
        taf_string_free(value);
    }
    CHECK(content_type == 1 && authorization == 1);
    CHECK_RESULT(taf_http_request_header_name_dup(request, headers, &text), TAF_RESULT_OUT_OF_RANGE);
    uint16_t status = exchange(emulator, request, &body, &len);
    taf_http_request_free(request);
    CHECK(status == 200);
    CHECK_OK(taf_post_response_decode(status, (const uint8_t *)body, len, &posted));
    free(body);
    CHECK_OK(taf_post_response_ticket_code_dup(posted, &text));
    CHECK(strcmp(text, "T1") == 0);
    taf_string_free(text);
    CHECK_OK(taf_post_response_key_dup(posted, 0, &text));
    CHECK(strcmp(text, "K1") == 0);
    taf_string_free(text);
    CHECK_RESULT(taf_post_response_error_message_dup(posted, &text), TAF_RESULT_INVALID_STATE);

    // Follow K1: waiting, then final once the job and the government step ran.
    CHECK_OK(taf_tracker_from_post((const uint8_t *)lote, strlen(lote), posted, endpoint, &tracker));
    bool complete = false;
    for (int round = 0; round < 3 && !complete; round++) {
        while (taf_tracker_next_request(tracker, &request) == TAF_RESULT_OK) {
            status = exchange(emulator, request, &body, &len);
            taf_http_request_free(request);
            CHECK_OK(taf_tracker_handle_response(tracker, status, (const uint8_t *)body, len));
            free(body);
            CHECK_OK(taf_tracker_is_complete(tracker, &complete));
            CHECK_OK(taf_tracker_report_json_dup(tracker, &text));
            if (round == 0) {
                CHECK(strstr(text, "\"pending\":[[\"K1\",\"waiting\"]]") != NULL);
            }
            taf_string_free(text);
            break;  // one page holds the ticket: a pass is one request
        }
        size_t handled = 0, failed = 0;
        CHECK_OK(taf_emulator_process(emulator, &handled, &failed));
        CHECK_OK(taf_emulator_transmit(emulator, &handled, &failed));
    }
    CHECK(complete);
    CHECK_OK(taf_tracker_report_json_dup(tracker, &text));
    CHECK(strstr(text, "\"done\":[[\"K1\",{\"processed\":\"authorized\"}]]") != NULL);
    taf_string_free(text);

    // The DELETE: the tickets in the body, the branch in the query.
    const char *tickets[] = {"T1"};
    const size_t ticket_lens[] = {2};
    CHECK_RESULT(taf_endpoint_delete_request(endpoint, tickets, ticket_lens, 0, NULL, 0, &request),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_endpoint_delete_request(endpoint, NULL, NULL, 1, NULL, 0, &request),
                 TAF_RESULT_NULL_ARGUMENT);
    CHECK_OK(taf_endpoint_delete_request(endpoint, tickets, ticket_lens, 1, "B1", 2, &request));
    taf_method method = TAF_METHOD_GET;
    CHECK_OK(taf_http_request_method(request, &method));
    CHECK(method == TAF_METHOD_DELETE);
    CHECK_OK(taf_http_request_url_dup(request, &text));
    CHECK(strcmp(text, "http://emulator/rest/WSTAFST2?sourceBranch=B1") == 0);
    taf_string_free(text);
    char sent[64];
    CHECK_OK(taf_http_request_body(request, (uint8_t *)sent, sizeof sent, &len));
    CHECK(same_text(sent, len, "{\"deleteTicket\":[{\"ticketCode\":\"T1\"}]}"));
    status = exchange(emulator, request, &body, &len);
    taf_http_request_free(request);
    taf_delete_response *deleted = NULL;
    bool success = false;
    CHECK_OK(taf_delete_response_decode(status, (const uint8_t *)body, len, &deleted));
    free(body);
    CHECK_OK(taf_delete_response_success(deleted, &success));
    CHECK(success);
    CHECK_RESULT(taf_delete_response_error_message_dup(deleted, &text), TAF_RESULT_INVALID_STATE);
    taf_delete_response_free(deleted);

    taf_tracker_free(tracker);
    taf_post_response_free(posted);
    taf_verdict_free(verdict);
    taf_preflight_free(preflight);
    taf_string_free(lote);
    taf_lote_builder_free(builder);
    taf_endpoint_free(endpoint);
    taf_emulator_free(emulator);
    free(event);
}

// The item accessors, a paginator's texts, an envelope's message and the error messages.
static void item_texts_and_failures(void) {
    const char *page_body =
        "{ \"type\" : \"ticketCode\",\"code\" : \"T1\",\"items\" : ["
        "{ \"success\" : true ,\"proccessed\" : true ,\"description\" : \"Registro Processado.\","
        "\"registryKey\" : \"K1\",\"statusCode\" : \"4\",\"statusDescription\" : \"ok\","
        "\"active\" : true,\"receiptNumber\" : \"1.2.3  \",\"deleteType\" : \"\","
        "\"streamingErrors\" : [],\"xmlRetResponse\" : \"\"},"
        "{ \"success\" : true ,\"proccessed\" : false ,\"description\" : \"a\\u0000b\" ,"
        "\"registryKey\" : \"K2\",\"errorCode\" : \"000030\",\"errorDescription\" : \"\","
        "\"errorDetail\" : \"\",\"registryPriority\" : \"\",\"integrationQueue\" : \"\","
        "\"erpOwner\" : \"\",\"registryPredecessor\" : \"\",\"transferBranch\" : \"\","
        "\"complement\" : \"\",\"streamingErrors\" : [],\"xmlRetResponse\" : \"\"}"
        "],\"lastRecNo\" : 20,\"maxRecNo\" : 30}";
    taf_get_page *page = NULL;
    const taf_item *processed = NULL, *pending = NULL;
    char *text = NULL;
    CHECK_OK(taf_get_page_decode(200, (const uint8_t *)page_body, strlen(page_body), &page));
    CHECK_OK(taf_get_page_item(page, 0, &processed));
    CHECK_OK(taf_get_page_item(page, 1, &pending));
    CHECK_OK(taf_item_id_dup(processed, &text));
    CHECK(strcmp(text, "K1") == 0);
    taf_string_free(text);
    CHECK_OK(taf_item_description_dup(processed, &text));
    CHECK(strcmp(text, "Registro Processado.") == 0);
    taf_string_free(text);
    CHECK_OK(taf_item_status_code_dup(processed, &text));
    CHECK(strcmp(text, "4") == 0);
    taf_string_free(text);
    CHECK_OK(taf_item_receipt_dup(processed, &text));
    CHECK(strcmp(text, "1.2.3") == 0);
    taf_string_free(text);
    CHECK_OK(taf_item_error_code_dup(pending, &text));
    CHECK(strcmp(text, "000030") == 0);
    taf_string_free(text);
    text = NULL;
    CHECK_RESULT(taf_item_error_code_dup(processed, &text), TAF_RESULT_ABSENT);
    CHECK_RESULT(taf_item_receipt_dup(pending, &text), TAF_RESULT_ABSENT);
    CHECK_RESULT(taf_item_status_code_dup(pending, &text), TAF_RESULT_ABSENT);
    CHECK(text == NULL);  // nothing is written on failure
    // A text holding a NUL byte cannot be a C string; the length-checked getter still reads it.
    CHECK_RESULT(taf_item_description_dup(pending, &text), TAF_RESULT_INVALID_STATE);
    char *message = NULL;
    CHECK_OK(taf_error_message_dup(TAF_RESULT_INVALID_STATE, &message));
    CHECK(strstr(message, "NUL byte at 1") != NULL);
    taf_string_free(message);
    char description[8];
    size_t len = 0;
    CHECK_OK(taf_item_description(pending, description, sizeof description, &len));
    CHECK(len == 3 && memcmp(description, "a\0b", 3) == 0);
    CHECK_RESULT(taf_item_id_dup(NULL, &text), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_item_id_dup(processed, NULL), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_get_page_error_message_dup(page, &text), TAF_RESULT_INVALID_STATE);
    taf_get_page_free(page);

    // An envelope's message; a failure's detail survives the size queries of later `_dup`s.
    const char *envelope = "{\"coderr\" : 803,\"description\" : \"filial desconhecida\"}";
    CHECK_OK(taf_get_page_decode(200, (const uint8_t *)envelope, strlen(envelope), &page));
    CHECK_RESULT(taf_get_page_item(page, 5, &processed), TAF_RESULT_INVALID_STATE);
    CHECK_OK(taf_get_page_error_message_dup(page, &text));
    CHECK(strcmp(text, "filial desconhecida") == 0);
    taf_string_free(text);
    CHECK_OK(taf_error_message_dup(TAF_RESULT_BUFFER_TOO_SMALL, &message));
    CHECK(strcmp(message, "the output buffer is too small") == 0);  // no detail: not the last failure
    taf_string_free(message);
    CHECK_OK(taf_error_message_dup(TAF_RESULT_INVALID_STATE, &message));
    CHECK(strchr(message, ':') != NULL);  // the page's failure kept its detail
    taf_string_free(message);
    CHECK_RESULT(taf_error_message_dup(999, &message), TAF_RESULT_INVALID_ARGUMENT);
    taf_get_page_free(page);
    taf_string_free(NULL);

    // A paginator's cursor and guard code.
    taf_endpoint *endpoint = NULL;
    taf_get_query *query = NULL;
    taf_paginator *paginator = NULL;
    CHECK_OK(taf_endpoint_new("http://emulator", 15, &endpoint));
    CHECK_OK(taf_get_query_parse("ticketCode=T1", 13, &query));
    CHECK_OK(taf_paginator_new(query, endpoint, 0, &paginator));
    CHECK_OK(taf_paginator_cursor_json_dup(paginator, &text));
    CHECK(text[0] == '{' && strstr(text, "T1") != NULL);
    taf_string_free(text);
    CHECK_RESULT(taf_paginator_error_code_dup(paginator, &text), TAF_RESULT_ABSENT);
    CHECK_OK(taf_paginator_handle_response(paginator, 200, (const uint8_t *)page_body, strlen(page_body)));
    CHECK_RESULT(taf_paginator_handle_response(paginator, 200, (const uint8_t *)page_body, strlen(page_body)),
                 TAF_RESULT_PAGING_ERROR);
    CHECK_OK(taf_paginator_error_code_dup(paginator, &text));
    CHECK(strcmp(text, "not_advancing") == 0);
    taf_string_free(text);
    taf_paginator_free(paginator);
    taf_get_query_free(query);
    taf_endpoint_free(endpoint);
}

// The Live session's key and output, as C strings.
static void live_session_texts(void) {
    const char *url = "http://live/LiveConnector/FacadeIntegracao.svc";
    taf_live_session *session = NULL;
    char *text = NULL;
    CHECK_OK(taf_live_session_new(url, strlen(url), "220000251", 9, NULL, 0, NULL, 0, "k-1", 3, &session));
    CHECK_OK(taf_live_session_key_dup(session, &text));
    CHECK(strcmp(text, "k-1") == 0);
    taf_string_free(text);
    text = NULL;
    CHECK(taf_live_session_output_dup(session, &text) != TAF_RESULT_OK);  // no call finished yet
    CHECK(text == NULL);
    taf_live_session_free(session);
    CHECK_OK(taf_live_session_new(url, strlen(url), "220000251", 9, NULL, 0, NULL, 0, NULL, 0, &session));
    CHECK_RESULT(taf_live_session_key_dup(session, &text), TAF_RESULT_ABSENT);
    taf_live_session_free(session);
}

int main(void) {
    post_track_and_delete();
    item_texts_and_failures();
    live_session_texts();
    return check_summary("test_full_cycle");
}

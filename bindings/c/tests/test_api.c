// The C conventions: NULL arguments, too-small buffers, invalid UTF-8, _free(NULL), error
// messages; and the query, request, endpoint and status policy handles.
#include "check.h"

static void free_of_null_is_a_no_op(void) {
    taf_get_query_free(NULL);
    taf_get_page_free(NULL);
    taf_post_response_free(NULL);
    taf_delete_response_free(NULL);
    taf_endpoint_free(NULL);
    taf_http_request_free(NULL);
    taf_http_response_free(NULL);
    taf_paginator_free(NULL);
    taf_event_free(NULL);
    taf_tracker_free(NULL);
    taf_status_policy_free(NULL);
    taf_emulator_free(NULL);
    CHECK(1);
}

static void null_arguments_are_refused(void) {
    size_t len = 0;
    char text[16];
    taf_get_query *query = NULL;
    bool flag = false;
    CHECK_RESULT(taf_get_query_new(NULL), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_get_query_encode(NULL, text, sizeof text, &len), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_get_query_set_ticket_code(NULL, "T1", 2), TAF_RESULT_NULL_ARGUMENT);
    CHECK_OK(taf_get_query_new(&query));
    CHECK_RESULT(taf_get_query_set_ticket_code(query, NULL, 2), TAF_RESULT_NULL_ARGUMENT);
    CHECK_OK(taf_get_query_set_ticket_code(query, NULL, 0));
    CHECK_RESULT(taf_get_query_encode(query, text, sizeof text, NULL), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_get_query_encode(query, NULL, 4, &len), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_get_page_decode(200, NULL, 3, NULL), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_get_page_is_last(NULL, &flag), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_item_receipt(NULL, text, sizeof text, &len), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_paginator_new(query, NULL, 0, NULL), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_emulator_handle(NULL, NULL, NULL), TAF_RESULT_NULL_ARGUMENT);
    taf_get_query_free(query);
}

static void small_buffers_report_the_size_needed(void) {
    taf_get_query *query = NULL;
    char text[64];
    size_t len = 0;
    CHECK_OK(taf_get_query_new(&query));
    CHECK_OK(taf_get_query_set_ticket_code(query, "T 1/\xc3\xa7", 6));
    CHECK_OK(taf_get_query_set_start_rec_no(query, 1));
    CHECK_OK(taf_get_query_set_source_branch(query, "B1", 2));
    CHECK_OK(taf_get_query_set_search_mode(query, 2));
    CHECK_OK(taf_get_query_set_query_elements(query, 0));
    CHECK_OK(taf_get_query_set_lot_quantity(query, 50));
    CHECK_OK(taf_get_query_set_return_ret_response(query, true));
    const char *expected = "ticketCode=T%201%2F%C3%A7&startRecNo=1&searchMode=2&sourceBranch=B1"
                           "&queryElements=0&lotQuantity=50&returnRetResponse=true";
    size_t needed = strlen(expected);

    memset(text, '#', sizeof text);
    CHECK_RESULT(taf_get_query_encode(query, text, 10, &len), TAF_RESULT_BUFFER_TOO_SMALL);
    CHECK(len == needed);
    CHECK(text[0] == '#' && text[9] == '#');
    CHECK_RESULT(taf_get_query_encode(query, NULL, 0, &len), TAF_RESULT_BUFFER_TOO_SMALL);
    CHECK(len == needed);

    char big[256];
    CHECK_OK(taf_get_query_encode(query, big, needed, &len));
    CHECK(same_text(big, len, expected));
    char *copy = NULL;
    CHECK_OK(taf_get_query_encode_dup(query, &copy));
    CHECK(copy != NULL && strcmp(copy, expected) == 0);
    taf_string_free(copy);
    CHECK_RESULT(taf_get_query_encode_dup(NULL, &copy), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_get_query_encode(query, big, needed - 1, &len), TAF_RESULT_BUFFER_TOO_SMALL);

    taf_get_query *parsed = NULL;
    CHECK_OK(taf_get_query_parse(big, needed, &parsed));
    char again[256];
    size_t again_len = 0;
    CHECK_OK(taf_get_query_encode(parsed, again, sizeof again, &again_len));
    CHECK(same_text(again, again_len, expected));
    taf_get_query_free(parsed);
    taf_get_query_free(query);
}

static void invalid_utf8_and_bad_values_are_refused(void) {
    taf_get_query *query = NULL;
    taf_endpoint *endpoint = NULL;
    taf_http_request *request = NULL;
    CHECK_OK(taf_get_query_new(&query));
    CHECK_RESULT(taf_get_query_set_registry_key(query, "K\xe9", 2), TAF_RESULT_INVALID_UTF8);
    CHECK_RESULT(taf_get_query_parse("searchMode=x", 12, &query), TAF_RESULT_DECODE_ERROR);
    CHECK_RESULT(taf_endpoint_new("ftp://h", 7, &endpoint), TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_endpoint_new("http://\xff", 8, &endpoint), TAF_RESULT_INVALID_UTF8);
    CHECK_RESULT(taf_http_request_new(9, "/", 1, NULL, 0, &request), TAF_RESULT_INVALID_ARGUMENT);
    taf_get_query_free(query);
}

static void error_messages_carry_the_last_detail(void) {
    taf_get_page *page = NULL;
    const char *broken = "{ \"type\" : \"ticketCode\",\"code\" : \"T1\"}";
    CHECK_RESULT(taf_get_page_decode(200, (const uint8_t *)broken, strlen(broken), &page),
                 TAF_RESULT_DECODE_ERROR);
    CHECK(page == NULL);
    char message[256];
    size_t len = 0;
    CHECK_OK(taf_error_message(TAF_RESULT_DECODE_ERROR, message, sizeof message, &len));
    message[len < sizeof message ? len : sizeof message - 1] = '\0';
    CHECK(strstr(message, "the input could not be decoded: items: required field is absent") != NULL);
    CHECK(strstr(message, "(missing_field)") != NULL);
    size_t needed = 0;
    CHECK_RESULT(taf_error_message(TAF_RESULT_DECODE_ERROR, message, 4, &needed),
                 TAF_RESULT_BUFFER_TOO_SMALL);
    CHECK(needed == len);
    CHECK_OK(taf_error_message(TAF_RESULT_OK, message, sizeof message, &len));
    CHECK(same_text(message, len, "success"));
    CHECK_RESULT(taf_error_message(1000, message, sizeof message, &len), TAF_RESULT_INVALID_ARGUMENT);
    CHECK(strcmp(taf_version(), "0.1.0") == 0);
}

static void requests_from_an_endpoint(void) {
    taf_endpoint *endpoint = NULL;
    taf_get_query *query = NULL;
    taf_paginator *paginator = NULL;
    taf_http_request *request = NULL;
    CHECK_OK(taf_endpoint_new("https://erp.example:8443/", 25, &endpoint));
    CHECK_OK(taf_endpoint_set_credentials(endpoint, "user", 4, "secret", 6));
    CHECK_OK(taf_get_query_parse("ticketCode=T1", 13, &query));
    CHECK_OK(taf_paginator_new(query, endpoint, 0, &paginator));
    CHECK_OK(taf_paginator_next_request(paginator, &request));

    char text[256];
    size_t len = 0, count = 0;
    taf_method method = TAF_METHOD_POST;
    CHECK_OK(taf_http_request_method(request, &method));
    CHECK(method == TAF_METHOD_GET);
    CHECK_OK(taf_http_request_url(request, text, sizeof text, &len));
    CHECK(same_text(text, len, "https://erp.example:8443/rest/WSTAFST2?ticketCode=T1&startRecNo=1"));
    CHECK_OK(taf_http_request_path(request, text, sizeof text, &len));
    CHECK(same_text(text, len, "/rest/WSTAFST2"));
    CHECK_OK(taf_http_request_query(request, text, sizeof text, &len));
    CHECK(same_text(text, len, "ticketCode=T1&startRecNo=1"));
    char *copy = NULL;
    CHECK_OK(taf_http_request_path_dup(request, &copy));
    CHECK(strcmp(copy, "/rest/WSTAFST2") == 0);
    taf_string_free(copy);
    CHECK_OK(taf_http_request_query_dup(request, &copy));
    CHECK(strcmp(copy, "ticketCode=T1&startRecNo=1") == 0);
    taf_string_free(copy);
    CHECK_OK(taf_http_request_header_count(request, &count));
    CHECK(count == 2);
    CHECK_OK(taf_http_request_header_name(request, 1, text, sizeof text, &len));
    CHECK(same_text(text, len, "Authorization"));
    CHECK_OK(taf_http_request_header_value(request, 1, text, sizeof text, &len));
    CHECK(same_text(text, len, "Basic dXNlcjpzZWNyZXQ="));
    CHECK_RESULT(taf_http_request_header_name(request, 2, text, sizeof text, &len),
                 TAF_RESULT_OUT_OF_RANGE);
    CHECK_OK(taf_http_request_body(request, (uint8_t *)text, sizeof text, &len));
    CHECK(len == 0);

    char cursor[512];
    size_t cursor_len = 0;
    taf_paginator *resumed = NULL;
    CHECK_OK(taf_paginator_cursor_json(paginator, cursor, sizeof cursor, &cursor_len));
    CHECK_OK(taf_paginator_resume(cursor, cursor_len, endpoint, 0, &resumed));
    CHECK_RESULT(taf_paginator_resume("{}", 2, endpoint, 0, &resumed), TAF_RESULT_DECODE_ERROR);
    taf_paginator_free(resumed);

    taf_get_query *no_key = NULL;
    taf_paginator *refused = NULL;
    CHECK_OK(taf_get_query_new(&no_key));
    CHECK_RESULT(taf_paginator_new(no_key, endpoint, 0, &refused), TAF_RESULT_PAGING_ERROR);
    CHECK(refused == NULL);
    taf_get_query_free(no_key);

    taf_http_request_free(request);
    taf_paginator_free(paginator);
    taf_get_query_free(query);
    taf_endpoint_free(endpoint);
}

// Decides on one answer; returns the decision.
static taf_decision decide(const taf_status_policy *policy, uint32_t method, uint16_t status,
                           const char *body, const char *retry_after, uint32_t attempt) {
    taf_http_response *response = NULL;
    taf_decision decision = {TAF_ACTION_DONE, 0, TAF_REQUEST_ERROR_NONE};
    CHECK_OK(taf_http_response_new(status, (const uint8_t *)body, strlen(body), &response));
    if (retry_after != NULL) {
        CHECK_OK(taf_http_response_add_header(response, "Retry-After", 11, retry_after,
                                              strlen(retry_after)));
    }
    CHECK_OK(taf_status_policy_decide(policy, method, response, 0, attempt, 0, &decision));
    taf_http_response_free(response);
    return decision;
}

static void status_policy_decisions(void) {
    taf_status_policy *policy = NULL;
    CHECK_OK(taf_status_policy_new(&policy));
    CHECK_OK(taf_status_policy_set_base_delay_ms(policy, 1000));
    CHECK_OK(taf_status_policy_set_max_delay_ms(policy, 60000));
    CHECK_OK(taf_status_policy_set_max_retry_after_ms(policy, 600000));
    CHECK_OK(taf_status_policy_set_max_attempts(policy, 3));

    taf_decision d = decide(policy, TAF_METHOD_DELETE, 200, "{\"success\" : true}", NULL, 1);
    CHECK(d.action == TAF_ACTION_DONE && d.reason == TAF_REQUEST_ERROR_NONE);
    d = decide(policy, TAF_METHOD_GET, 500,
               "{\"errorCode\":702,\"errorMessage\":\"Erro na Criacao/Abertura da tabela TAFST2.\"}",
               NULL, 1);
    CHECK(d.action == TAF_ACTION_RETRY && d.delay_ms == 500);
    d = decide(policy, TAF_METHOD_GET, 429, "", "7", 1);
    CHECK(d.action == TAF_ACTION_RETRY && d.delay_ms == 7000);
    d = decide(policy, TAF_METHOD_GET, 500, "", NULL, 3);
    CHECK(d.action == TAF_ACTION_FAIL && d.reason == TAF_REQUEST_ERROR_RETRIES_EXHAUSTED);
    d = decide(policy, TAF_METHOD_POST, 200,
               "{\"coderr\" : 811,\"description\" : \"sem filial\"}", NULL, 1);
    CHECK(d.action == TAF_ACTION_FAIL && d.reason == TAF_REQUEST_ERROR_REJECTED);
    d = decide(policy, TAF_METHOD_GET, 500,
               "{\"errorCode\":701,\"errorMessage\":\"startRecNo\"}", NULL, 1);
    CHECK(d.action == TAF_ACTION_FAIL && d.reason == TAF_REQUEST_ERROR_INVALID_REQUEST);
    d = decide(policy, TAF_METHOD_GET, 401, "", NULL, 1);
    CHECK(d.action == TAF_ACTION_REAUTHENTICATE);

    taf_http_response *response = NULL;
    taf_decision decision;
    CHECK_OK(taf_http_response_new(200, (const uint8_t *)"not json", 8, &response));
    CHECK_RESULT(taf_status_policy_decide(policy, TAF_METHOD_GET, response, 0, 1, 0, &decision),
                 TAF_RESULT_DECODE_ERROR);
    CHECK_RESULT(taf_status_policy_decide(policy, 7, response, 0, 1, 0, &decision),
                 TAF_RESULT_INVALID_ARGUMENT);
    taf_http_response_free(response);
    taf_status_policy_free(policy);
}

int main(void) {
    free_of_null_is_a_no_op();
    null_arguments_are_refused();
    small_buffers_report_the_size_needed();
    invalid_utf8_and_bad_values_are_refused();
    error_messages_carry_the_last_detail();
    requests_from_an_endpoint();
    status_policy_decisions();
    return check_summary("test_api");
}

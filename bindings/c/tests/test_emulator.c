// Spec §11 G-07 and G-19 through the in-process emulator, then the paginator and the tracker
// driven against it, as a C program with its own HTTP stack would drive them.
#include <stdlib.h>

#include "check.h"
#include "fixture.h"

static char body[1 << 16];

// Sends a GET with `query` to `emulator`; leaves the body in `body` and returns the status.
static uint16_t get(taf_emulator *emulator, const char *query, size_t *body_len) {
    char url[512];
    int url_len = snprintf(url, sizeof url, "/rest/WSTAFST2?%s", query);
    taf_http_request *request = NULL;
    taf_http_response *response = NULL;
    uint16_t status = 0;
    CHECK_OK(taf_http_request_new(TAF_METHOD_GET, url, (size_t)url_len, NULL, 0, &request));
    CHECK_OK(taf_emulator_handle(emulator, request, &response));
    CHECK_OK(taf_http_response_status(response, &status));
    CHECK_OK(taf_http_response_body(response, (uint8_t *)body, sizeof body, body_len));
    taf_http_response_free(response);
    taf_http_request_free(request);
    return status;
}

// G-07: not found in ticket mode, byte for byte, and what the decoder makes of it.
static void g07_not_found_in_ticket_mode(void) {
    taf_emulator *emulator = spec_emulator(NULL);
    CHECK(emulator != NULL);
    size_t len = 0;
    uint16_t status = get(emulator, "startRecNo=1&ticketCode=T404&sourceBranch=B1", &len);
    const char *expected =
        "{ \"type\" : \"ticketCode\",\"code\" : \"T404\",\"items\" : [{ \"success\" : false,"
        "\"proccessed\" : false ,\"description\" : \"Registro n\xc3\xa3o encontrado n\xc3\xa3o "
        "localizado. Verifique os par\xc3\xa2metros utilizados para a busca.\",\"registryKey\" : "
        "\"T404\"}],\"lastRecNo\" : 0,\"maxRecNo\" : 0}";
    CHECK(status == 200);
    CHECK(same_text(body, len, expected));

    taf_get_page *page = NULL;
    const taf_item *item = NULL;
    taf_item_kind kind = TAF_ITEM_KIND_PROCESSED;
    taf_key_kind id_kind = TAF_KEY_KIND_TICKET_CODE;
    bool is_last = false;
    char id[16];
    size_t id_len = 0;
    CHECK_OK(taf_get_page_decode(status, (const uint8_t *)body, len, &page));
    CHECK_OK(taf_get_page_is_last(page, &is_last));
    CHECK(is_last);
    CHECK_OK(taf_get_page_item(page, 0, &item));
    CHECK_OK(taf_item_get_kind(item, &kind));
    CHECK(kind == TAF_ITEM_KIND_NOT_FOUND);
    CHECK_OK(taf_item_id_kind(item, &id_kind));
    CHECK(id_kind == TAF_KEY_KIND_REGISTRY_KEY);
    CHECK_OK(taf_item_id(item, id, sizeof id, &id_len));
    CHECK(same_text(id, id_len, "T404"));
    taf_get_page_free(page);
    taf_emulator_free(emulator);
}

// Checks one G-19 page: its keys, lastRecNo and maxRecNo.
static void check_page(uint16_t status, size_t len, const char *const *keys, size_t count,
                       int64_t last, int64_t max) {
    taf_get_page *page = NULL;
    size_t items = 0;
    int64_t last_rec_no = 0, max_rec_no = 0;
    CHECK(status == 200);
    CHECK_OK(taf_get_page_decode(status, (const uint8_t *)body, len, &page));
    CHECK_OK(taf_get_page_item_count(page, &items));
    CHECK(items == count);
    for (size_t i = 0; i < count && i < items; i++) {
        const taf_item *item = NULL;
        char key[16];
        size_t key_len = 0;
        CHECK_OK(taf_get_page_item(page, i, &item));
        CHECK_OK(taf_item_id(item, key, sizeof key, &key_len));
        CHECK(same_text(key, key_len, keys[i]));
    }
    CHECK_OK(taf_get_page_last_rec_no(page, &last_rec_no));
    CHECK_OK(taf_get_page_max_rec_no(page, &max_rec_no));
    CHECK(last_rec_no == last && max_rec_no == max);
    taf_get_page_free(page);
}

// G-19: paging by count over T1 rows at RECNO 10..14.
static void g19_paging_by_count(void) {
    static char tables[8192];
    waiting_rows_json(tables, sizeof tables, "T1", 10, 5);
    taf_emulator *emulator = spec_emulator(tables);
    CHECK(emulator != NULL);
    size_t len = 0;
    const char *first[] = {"K10", "K11"}, *second[] = {"K12", "K13"}, *third[] = {"K14"};
    uint16_t status = get(emulator, "startRecNo=1&ticketCode=T1&lotQuantity=2&sourceBranch=B1", &len);
    check_page(status, len, first, 2, 11, 14);
    status = get(emulator, "startRecNo=12&ticketCode=T1&lotQuantity=2&sourceBranch=B1", &len);
    check_page(status, len, second, 2, 13, 14);
    status = get(emulator, "startRecNo=14&ticketCode=T1&lotQuantity=2&sourceBranch=B1", &len);
    check_page(status, len, third, 1, 14, 14);
    taf_emulator_free(emulator);
}

// The same search through the paginator: every key once, three pages, then finished.
static void paginator_walks_g19(void) {
    static char tables[8192];
    waiting_rows_json(tables, sizeof tables, "T1", 10, 5);
    taf_emulator *emulator = spec_emulator(tables);
    taf_endpoint *endpoint = NULL;
    taf_get_query *query = NULL;
    taf_paginator *paginator = NULL;
    CHECK_OK(taf_endpoint_new("http://emulator", 15, &endpoint));
    CHECK_OK(taf_get_query_new(&query));
    CHECK_OK(taf_get_query_set_ticket_code(query, "T1", 2));
    CHECK_OK(taf_get_query_set_source_branch(query, "B1", 2));
    CHECK_OK(taf_get_query_set_lot_quantity(query, 2));
    CHECK_OK(taf_paginator_new(query, endpoint, 0, &paginator));

    char keys[64] = "";
    int requests = 0;
    taf_http_request *request = NULL;
    taf_result next;
    while ((next = taf_paginator_next_request(paginator, &request)) == TAF_RESULT_OK) {
        char query_text[256];
        size_t query_len = 0;
        taf_http_response *response = NULL;
        uint16_t status = 0;
        size_t len = 0;
        CHECK_OK(taf_http_request_query(request, query_text, sizeof query_text, &query_len));
        CHECK_OK(taf_emulator_handle(emulator, request, &response));
        CHECK_OK(taf_http_response_status(response, &status));
        CHECK_OK(taf_http_response_body(response, (uint8_t *)body, sizeof body, &len));
        CHECK_OK(taf_paginator_handle_response(paginator, status, (const uint8_t *)body, len));
        taf_http_response_free(response);
        taf_http_request_free(request);
        taf_event *event = NULL;
        while (taf_paginator_poll(paginator, &event) == TAF_RESULT_OK) {
            taf_event_kind kind = TAF_EVENT_KIND_DUPLICATE;
            const taf_item *item = NULL;
            char key[16];
            size_t key_len = 0;
            CHECK_OK(taf_event_get_kind(event, &kind));
            CHECK(kind == TAF_EVENT_KIND_ITEM);
            CHECK_OK(taf_event_item(event, &item));
            CHECK_OK(taf_item_id(item, key, sizeof key, &key_len));
            strncat(keys, key, key_len);
            strcat(keys, " ");
            taf_event_free(event);
        }
        requests++;
        CHECK(requests <= 3);
        if (requests > 3) {
            break;
        }
    }
    CHECK(next == TAF_RESULT_ABSENT);
    CHECK(requests == 3);
    CHECK(strcmp(keys, "K10 K11 K12 K13 K14 ") == 0);
    taf_paging_state state = TAF_PAGING_STATE_FAILED;
    CHECK_OK(taf_paginator_state(paginator, &state));
    CHECK(state == TAF_PAGING_STATE_FINISHED);
    char code[32];
    size_t code_len = 0;
    CHECK_RESULT(taf_paginator_error_code(paginator, code, sizeof code, &code_len), TAF_RESULT_ABSENT);

    // A page that does not advance fails the paginator with a guard's code.
    taf_paginator *stuck = NULL;
    size_t len = 0;
    CHECK_OK(taf_paginator_new(query, endpoint, 0, &stuck));
    uint16_t status = get(emulator, "startRecNo=1&ticketCode=T1&lotQuantity=2&sourceBranch=B1", &len);
    CHECK_OK(taf_paginator_handle_response(stuck, status, (const uint8_t *)body, len));
    CHECK_RESULT(taf_paginator_handle_response(stuck, status, (const uint8_t *)body, len),
                 TAF_RESULT_PAGING_ERROR);
    CHECK_OK(taf_paginator_error_code(stuck, code, sizeof code, &code_len));
    CHECK(same_text(code, code_len, "not_advancing"));
    CHECK_RESULT(taf_paginator_next_request(stuck, &request), TAF_RESULT_ABSENT);
    taf_paginator_free(stuck);

    taf_paginator_free(paginator);
    taf_get_query_free(query);
    taf_endpoint_free(endpoint);
    taf_emulator_free(emulator);
}

// The tracker follows K10..K14 of T1 until they are all waiting, then sees K12 missing.
static void tracker_follows_g19(void) {
    static char tables[8192];
    waiting_rows_json(tables, sizeof tables, "T1", 10, 5);
    taf_emulator *emulator = spec_emulator(tables);
    taf_endpoint *endpoint = NULL;
    taf_get_query *query = NULL;
    taf_tracker *tracker = NULL;
    const char *keys[] = {"K10", "K12", "K99"};
    const size_t lens[] = {3, 3, 3};
    CHECK_OK(taf_endpoint_new("http://emulator", 15, &endpoint));
    CHECK_OK(taf_get_query_parse("ticketCode=T1&sourceBranch=B1&lotQuantity=2", 43, &query));
    CHECK_OK(taf_tracker_new(query, endpoint, keys, lens, 3, &tracker));

    taf_http_request *request = NULL;
    int requests = 0;
    while (requests < 3 && taf_tracker_next_request(tracker, &request) == TAF_RESULT_OK) {
        taf_http_response *response = NULL;
        uint16_t status = 0;
        size_t len = 0;
        CHECK_OK(taf_emulator_handle(emulator, request, &response));
        CHECK_OK(taf_http_response_status(response, &status));
        CHECK_OK(taf_http_response_body(response, (uint8_t *)body, sizeof body, &len));
        CHECK_OK(taf_tracker_handle_response(tracker, status, (const uint8_t *)body, len));
        taf_http_response_free(response);
        taf_http_request_free(request);
        requests++;
    }
    taf_key_state state = TAF_KEY_STATE_UNSEEN;
    bool complete = true;
    CHECK_OK(taf_tracker_key_state(tracker, "K12", 3, &state));
    CHECK(state == TAF_KEY_STATE_WAITING);
    CHECK_OK(taf_tracker_key_state(tracker, "K99", 3, &state));
    CHECK(state == TAF_KEY_STATE_MISSING);
    CHECK_RESULT(taf_tracker_key_state(tracker, "K11", 3, &state), TAF_RESULT_ABSENT);
    CHECK_OK(taf_tracker_is_complete(tracker, &complete));
    CHECK(!complete);
    size_t len = 0;
    CHECK_OK(taf_tracker_report_json(tracker, body, sizeof body, &len));
    CHECK(len > 0 && strstr(body, "\"missing\":[\"K99\"]") != NULL);

    // An envelope (unknown branch) leaves the tracker as it was.
    const char *envelope = "{\"coderr\" : 803,\"description\" : \"x\"}";
    CHECK_RESULT(taf_tracker_handle_response(tracker, 200, (const uint8_t *)envelope,
                                             strlen(envelope)),
                 TAF_RESULT_REPLY_ERROR);
    taf_tracker_free(tracker);
    taf_get_query_free(query);
    taf_endpoint_free(endpoint);
    taf_emulator_free(emulator);
}

// Sends `request` to `emulator`; leaves the body in `body` and returns the status.
static uint16_t send(taf_emulator *emulator, const taf_http_request *request, size_t *body_len) {
    taf_http_response *response = NULL;
    uint16_t status = 0;
    CHECK_OK(taf_emulator_handle(emulator, request, &response));
    CHECK_OK(taf_http_response_status(response, &status));
    CHECK_OK(taf_http_response_body(response, (uint8_t *)body, sizeof body, body_len));
    taf_http_response_free(response);
    return status;
}

// Credentials (HTTP 401 without the header added by hand), the clock stamped on a POST, and the
// tables written as JSON and loaded back.
static void credentials_clock_and_tables(void) {
    taf_emulator *emulator = spec_emulator(NULL);
    taf_http_request *request = NULL;
    size_t len = 0;
    const char *url = "/rest/WSTAFST2?startRecNo=1&ticketCode=T1&sourceBranch=B1";
    CHECK_OK(taf_emulator_set_credentials(emulator, "user", 4, "secret", 6));
    CHECK_OK(taf_http_request_new(TAF_METHOD_GET, url, strlen(url), NULL, 0, &request));
    CHECK(send(emulator, request, &len) == 401);
    CHECK_OK(taf_http_request_add_header(request, "Authorization", 13, "Basic dXNlcjpzZWNyZXQ=", 22));
    CHECK(send(emulator, request, &len) == 200);
    CHECK_RESULT(taf_http_request_add_header(request, NULL, 3, "x", 1), TAF_RESULT_NULL_ARGUMENT);
    taf_http_request_free(request);

    // 2025-06-10 14:30:00 UTC on a row posted without date and time.
    const char *lote = "{\"ticketCode\":\"T9\",\"lote\":[{\"sourceBranch\":\"B1\",\"messageType\":\"1\","
                       "\"messageSequential\":\"001\",\"registryType\":\"T005\",\"registryKey\":\"UN\","
                       "\"integrationMessage\":\"fFQwMDV8VU58WHx8\"}]}";
    CHECK_OK(taf_emulator_set_clock(emulator, 1749565800));
    CHECK_OK(taf_http_request_new(TAF_METHOD_POST, "/rest/WSTAFST2", 14, (const uint8_t *)lote, strlen(lote), &request));
    CHECK_OK(taf_http_request_add_header(request, "Authorization", 13, "Basic dXNlcjpzZWNyZXQ=", 22));
    CHECK(send(emulator, request, &len) == 200);
    taf_http_request_free(request);
    static char tables[8192];
    size_t tables_len = 0;
    CHECK_RESULT(taf_emulator_tables_json(emulator, tables, 8, &tables_len), TAF_RESULT_BUFFER_TOO_SMALL);
    CHECK_OK(taf_emulator_tables_json(emulator, tables, sizeof tables - 1, &tables_len));
    tables[tables_len] = '\0';
    CHECK(strstr(tables, "\"key\":\"UN\"") != NULL);
    CHECK(strstr(tables, "\"ticket\":\"T9\"") != NULL);
    CHECK(strstr(tables, "\"date\":\"20250610\",\"time\":\"14:30:00\"") != NULL);

    // Loaded into a fresh emulator, the snapshot writes back byte for byte.
    taf_emulator *copy = spec_emulator(tables);
    static char again[8192];
    size_t again_len = 0;
    CHECK(copy != NULL);
    CHECK_OK(taf_emulator_tables_json(copy, again, sizeof again, &again_len));
    CHECK(again_len == tables_len && memcmp(again, tables, tables_len) == 0);
    taf_emulator_free(copy);
    taf_emulator_free(emulator);
}

// A key-only search where one row shows two TAFXERP rows: the paginator delivers the record,
// then a DUPLICATE event with the extra copy.
static void duplicates_of_a_key_only_search(void) {
    const char *page =
        "{ \"type\" : \"registryKey\",\"code\" : \"K1\",\"items\" : ["
        "{ \"success\" : true ,\"proccessed\" : true ,\"description\" : \"Registro Processado.\",\"ticketCode\" : \"T1\","
        "\"statusCode\" : \"4\",\"statusDescription\" : \"ok\",\"active\" : true,\"receiptNumber\" : \"1.2.3\","
        "\"streamingErrors\" : [],\"xmlRetResponse\" : \"\"},"
        "{ \"success\" : true ,\"proccessed\" : false ,\"description\" : \"Registro Inconsistente.\" ,\"ticketCode\" : \"T1\","
        "\"errorCode\" : \"000009\",\"errorDescription\" : \"\",\"errorDetail\" : \"erro\",\"registryPriority\" : \"5\","
        "\"integrationQueue\" : \"\",\"erpOwner\" : \"\",\"registryPredecessor\" : \"\",\"transferBranch\" : \"\","
        "\"complement\" : \"\",\"streamingErrors\" : [],\"xmlRetResponse\" : \"\"}],\"lastRecNo\" : 20,\"maxRecNo\" : 20}";
    taf_get_query *query = NULL;
    taf_endpoint *endpoint = NULL;
    taf_paginator *paginator = NULL;
    taf_event *record = NULL, *duplicate = NULL, *none = NULL;
    taf_event_kind kind = TAF_EVENT_KIND_NOT_FOUND;
    const taf_item *copy = NULL;
    size_t count = 0, len = 0;
    char text[2048];
    CHECK_OK(taf_endpoint_new("http://emulator", 15, &endpoint));
    CHECK_OK(taf_get_query_parse("registryKey=K1", 14, &query));
    CHECK_OK(taf_paginator_new(query, endpoint, 0, &paginator));
    CHECK_OK(taf_paginator_handle_response(paginator, 200, (const uint8_t *)page, strlen(page)));
    CHECK_OK(taf_paginator_poll(paginator, &record));
    CHECK_OK(taf_paginator_poll(paginator, &duplicate));
    CHECK_RESULT(taf_paginator_poll(paginator, &none), TAF_RESULT_ABSENT);

    CHECK_OK(taf_event_get_kind(record, &kind));
    CHECK(kind == TAF_EVENT_KIND_ITEM);
    CHECK_RESULT(taf_event_copy_count(record, &count), TAF_RESULT_INVALID_STATE);
    CHECK_OK(taf_event_to_json(record, text, sizeof text - 1, &len));
    text[len] = '\0';
    CHECK(strstr(text, "{\"item\":{\"variant\":\"processed\"") == text);

    CHECK_OK(taf_event_get_kind(duplicate, &kind));
    CHECK(kind == TAF_EVENT_KIND_DUPLICATE);
    CHECK_OK(taf_event_copy_count(duplicate, &count));
    CHECK(count == 1);
    CHECK_OK(taf_event_copy(duplicate, 0, &copy));
    CHECK_OK(taf_item_error_code(copy, text, sizeof text, &len));
    CHECK(same_text(text, len, "000009"));
    CHECK_RESULT(taf_event_copy(duplicate, 1, &copy), TAF_RESULT_OUT_OF_RANGE);
    CHECK_OK(taf_event_to_json(duplicate, text, sizeof text - 1, &len));
    text[len] = '\0';
    CHECK(strstr(text, "{\"duplicate\":{") == text);
    CHECK(strstr(text, "\"errorCode\":\"000009\"") != NULL);

    taf_event_free(duplicate);
    taf_event_free(record);
    taf_paginator_free(paginator);
    taf_get_query_free(query);
    taf_endpoint_free(endpoint);
}

// A tracker made from a POST and its answer follows the accepted keys, at the service path the
// endpoint names (Protheus REST paths ignore case).
static void tracker_from_a_post(void) {
    taf_emulator *emulator = spec_emulator(NULL);
    const char *lote = "{\"ticketCode\":\"T7\",\"lote\":["
                       "{\"sourceBranch\":\"B1\",\"messageType\":\"1\",\"messageSequential\":\"001\","
                       "\"registryType\":\"T005\",\"registryKey\":\"UN\",\"integrationMessage\":\"fFQwMDV8VU58WHx8\"},"
                       "{\"sourceBranch\":\"B1\",\"messageType\":\"7\",\"messageSequential\":\"001\","
                       "\"registryType\":\"T005\",\"registryKey\":\"KG\",\"integrationMessage\":\"fFQwMDV8VU58WHx8\"}]}";
    taf_http_request *request = NULL;
    taf_post_response *post = NULL;
    taf_endpoint *endpoint = NULL;
    taf_tracker *tracker = NULL;
    size_t len = 0;
    CHECK_OK(taf_http_request_new(TAF_METHOD_POST, "/rest/WSTAFST2", 14, (const uint8_t *)lote, strlen(lote), &request));
    uint16_t status = send(emulator, request, &len);
    taf_http_request_free(request);
    CHECK_OK(taf_post_response_decode(status, (const uint8_t *)body, len, &post));
    CHECK_OK(taf_endpoint_new("http://emulator", 15, &endpoint));
    CHECK_RESULT(taf_endpoint_set_path(endpoint, "rest", 4), TAF_RESULT_INVALID_ARGUMENT);
    CHECK_OK(taf_endpoint_set_path(endpoint, "/rest/wstafst2", 14));
    CHECK_RESULT(taf_tracker_from_post((const uint8_t *)"not a lote", 10, post, endpoint, &tracker), TAF_RESULT_DECODE_ERROR);
    CHECK_OK(taf_tracker_from_post((const uint8_t *)lote, strlen(lote), post, endpoint, &tracker));

    char text[512];
    CHECK_OK(taf_tracker_next_request(tracker, &request));
    CHECK_OK(taf_http_request_url(request, text, sizeof text - 1, &len));
    text[len] = '\0';
    CHECK(strstr(text, "http://emulator/rest/wstafst2?ticketCode=T7&") == text);
    CHECK(strstr(text, "sourceBranch=B1") != NULL);
    status = send(emulator, request, &len);
    CHECK_OK(taf_tracker_handle_response(tracker, status, (const uint8_t *)body, len));
    taf_http_request_free(request);
    taf_key_state state = TAF_KEY_STATE_UNSEEN;
    CHECK_OK(taf_tracker_key_state(tracker, "UN", 2, &state));
    CHECK(state == TAF_KEY_STATE_WAITING);
    // KG was refused (messageType 7, 802): the tracker does not follow it.
    CHECK_RESULT(taf_tracker_key_state(tracker, "KG", 2, &state), TAF_RESULT_ABSENT);

    // A fault is not a POST body to track.
    taf_post_response *fault = NULL;
    const char *empty = "{\"errorCode\":704,\"errorMessage\":\"Arquivo vazio.\"}";
    taf_tracker *refused = NULL;
    CHECK_OK(taf_post_response_decode(500, (const uint8_t *)empty, strlen(empty), &fault));
    CHECK_RESULT(taf_tracker_from_post((const uint8_t *)lote, strlen(lote), fault, endpoint, &refused), TAF_RESULT_INVALID_STATE);
    CHECK(refused == NULL);
    taf_post_response_free(fault);
    taf_tracker_free(tracker);
    taf_endpoint_free(endpoint);
    taf_post_response_free(post);
    taf_emulator_free(emulator);
}

int main(void) {
    g07_not_found_in_ticket_mode();
    g19_paging_by_count();
    paginator_walks_g19();
    tracker_follows_g19();
    credentials_clock_and_tables();
    duplicates_of_a_key_only_search();
    tracker_from_a_post();
    return check_summary("test_emulator");
}

// Pages every record of a ticket with taf_paginator. The "HTTP stack" here is the in-process
// emulator, loaded with seven waiting records; a real program sends each request with its own
// client (libcurl, sockets) and feeds the status and body back the same way.
#include <stdio.h>
#include <string.h>

#include "taf.h"

// Prints the library's message for a failed call and returns 1.
static int fail(const char *what, taf_result result) {
    char message[512];
    size_t len = 0;
    if (taf_error_message(result, message, sizeof message, &len) != TAF_RESULT_OK) {
        len = 0;
    }
    fprintf(stderr, "%s failed: %.*s\n", what, (int)len, message);
    return 1;
}

// Seven waiting rows of ticket TICKET-1 in branch 01, RECNO 101..107.
static taf_emulator *emulator_with_rows(void) {
    static char tables[8192];
    size_t len = (size_t)snprintf(tables, sizeof tables, "{\"st2\":[");
    for (int recno = 101; recno <= 107; recno++) {
        len += (size_t)snprintf(
            tables + len, sizeof tables - len,
            "%s{\"recno\":%d,\"branch\":\"01\",\"message_type\":\"2\",\"sequential\":\"001\","
            "\"registry_type\":\"S-2200\",\"key\":\"EMP-%d\",\"message\":[],\"status\":\"pending\","
            "\"ticket\":\"TICKET-1\",\"date\":\"20250610\",\"time\":\"10:00:00\",\"priority\":\"5\","
            "\"queue\":\"\",\"owner\":\"\",\"predecessor\":\"\",\"transfer_branch\":\"\","
            "\"complement\":\"\"}",
            recno == 101 ? "" : ",", recno, recno);
    }
    len += (size_t)snprintf(tables + len, sizeof tables - len,
                            "],\"xerp\":[],\"records\":[],\"last_st2_recno\":107,"
                            "\"last_xerp_recno\":0,\"last_record_recno\":0}");
    taf_emulator *emulator = NULL;
    if (taf_emulator_new(&emulator) != TAF_RESULT_OK ||
        taf_emulator_add_branch(emulator, "G1", 2, "01", 2) != TAF_RESULT_OK ||
        taf_emulator_load_tables_json(emulator, tables, len) != TAF_RESULT_OK) {
        taf_emulator_free(emulator);
        return NULL;
    }
    return emulator;
}

int main(void) {
    static char body[1 << 20];
    taf_emulator *emulator = emulator_with_rows();
    taf_endpoint *endpoint = NULL;
    taf_get_query *query = NULL;
    taf_paginator *paginator = NULL;
    taf_result result;
    int status_code = 1;

    if (emulator == NULL) {
        return fail("setting up the emulator", TAF_RESULT_INVALID_STATE);
    }
    if ((result = taf_endpoint_new("http://localhost:8080", 21, &endpoint)) != TAF_RESULT_OK ||
        (result = taf_get_query_new(&query)) != TAF_RESULT_OK ||
        (result = taf_get_query_set_ticket_code(query, "TICKET-1", 8)) != TAF_RESULT_OK ||
        (result = taf_get_query_set_source_branch(query, "01", 2)) != TAF_RESULT_OK ||
        (result = taf_get_query_set_lot_quantity(query, 3)) != TAF_RESULT_OK ||
        (result = taf_paginator_new(query, endpoint, 0, &paginator)) != TAF_RESULT_OK) {
        status_code = fail("creating the paginator", result);
        goto done;
    }

    int records = 0, pages = 0;
    taf_http_request *request = NULL;
    while ((result = taf_paginator_next_request(paginator, &request)) == TAF_RESULT_OK) {
        char url[512];
        size_t url_len = 0, body_len = 0;
        uint16_t status = 0;
        taf_http_response *response = NULL;
        if ((result = taf_http_request_url(request, url, sizeof url, &url_len)) != TAF_RESULT_OK ||
            (result = taf_emulator_handle(emulator, request, &response)) != TAF_RESULT_OK ||
            (result = taf_http_response_status(response, &status)) != TAF_RESULT_OK ||
            (result = taf_http_response_body(response, (uint8_t *)body, sizeof body, &body_len)) != TAF_RESULT_OK) {
            taf_http_response_free(response);
            taf_http_request_free(request);
            status_code = fail("sending the request", result);
            goto done;
        }
        taf_http_response_free(response);
        taf_http_request_free(request);
        printf("GET %.*s -> %u\n", (int)url_len, url, status);
        pages++;
        if ((result = taf_paginator_handle_response(paginator, status, (const uint8_t *)body, body_len)) != TAF_RESULT_OK) {
            status_code = fail("handling the page", result);
            goto done;
        }
        taf_event *event = NULL;
        while (taf_paginator_poll(paginator, &event) == TAF_RESULT_OK) {
            const taf_item *item = NULL;
            char key[128], description[256];
            size_t key_len = 0, description_len = 0;
            if (taf_event_item(event, &item) == TAF_RESULT_OK &&
                taf_item_id(item, key, sizeof key, &key_len) == TAF_RESULT_OK &&
                taf_item_description(item, description, sizeof description, &description_len) == TAF_RESULT_OK) {
                printf("  %.*s: %.*s\n", (int)key_len, key, (int)description_len, description);
                records++;
            }
            taf_event_free(event);
        }
    }
    if (result != TAF_RESULT_ABSENT) {
        status_code = fail("asking for the next request", result);
        goto done;
    }
    taf_paging_state state = TAF_PAGING_STATE_FAILED;
    if (taf_paginator_state(paginator, &state) != TAF_RESULT_OK || state != TAF_PAGING_STATE_FINISHED) {
        fprintf(stderr, "the paginator did not finish\n");
        goto done;
    }
    printf("%d records in %d pages\n", records, pages);
    status_code = records == 7 && pages == 3 ? 0 : 1;

done:
    taf_paginator_free(paginator);
    taf_get_query_free(query);
    taf_endpoint_free(endpoint);
    taf_emulator_free(emulator);
    return status_code;
}

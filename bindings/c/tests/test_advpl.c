// A simulated SmartClient calling ExecInClientDLL as ExeDLLRun2 does: a command number, the
// command text and a caller-allocated buffer, small and large; plus the stateless paginator
// ops driven against the in-process emulator.
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include "check.h"
#include "fixture.h"

#define CANARY 0x5A

// Calls the bridge with `command` in a buffer of `cap` bytes followed by canary bytes; checks
// the canaries and returns what the bridge returned, with the answer in `answer`.
static int call(int number, const char *command, int cap, char *answer, size_t answer_cap) {
    char *buffer = malloc((size_t)cap + 16);
    memset(buffer, CANARY, (size_t)cap + 16);
    char *input = strdup(command);
    int result = ExecInClientDLL(number, input, buffer, cap);
    for (int i = cap; i < cap + 16; i++) {
        CHECK((unsigned char)buffer[i] == CANARY);
    }
    size_t len = strnlen(buffer, (size_t)cap);
    if (cap > 0 && len < (size_t)cap && len < answer_cap) {
        memcpy(answer, buffer, len + 1);
    } else if (answer_cap > 0) {
        answer[0] = '\0';
    }
    free(input);
    free(buffer);
    return result;
}

static void version_in_small_and_large_buffers(void) {
    char answer[256];
    const char *expected = "{\"ok\":true,\"result\":\"0.1.0\"}";
    int length = (int)strlen(expected);
    CHECK(call(1, "{\"op\":\"version\"}", 4096, answer, sizeof answer) == length);
    CHECK(strcmp(answer, expected) == 0);
    CHECK(call(1, "{\"op\":\"version\"}", length + 1, answer, sizeof answer) == length);
    CHECK(strcmp(answer, expected) == 0);
    // One byte short: the size needed (NUL included) comes back negated, nothing overflows.
    CHECK(call(1, "{\"op\":\"version\"}", length, answer, sizeof answer) == -(length + 1));
    CHECK(call(1, "{\"op\":\"version\"}", 8, answer, sizeof answer) == -(length + 1));
    CHECK(call(1, "{\"op\":\"version\"}", 0, answer, sizeof answer) == -(length + 1));
}

// NULL output or a negative length: 0 (no answer is empty), nothing written or run. When even
// the buffer_too_small answer does not fit, the buffer still ends with a NUL at its start.
static void unusable_and_tiny_buffers(void) {
    char input[] = "{\"op\":\"version\"}";
    char buffer[32];
    const int needed = (int)strlen("{\"ok\":true,\"result\":\"0.1.0\"}") + 1;
    CHECK(ExecInClientDLL(1, input, NULL, 100) == 0);
    CHECK(ExecInClientDLL(1, input, NULL, 0) == 0);
    memset(buffer, 'X', sizeof buffer);
    CHECK(ExecInClientDLL(1, input, buffer, -1) == 0);
    CHECK(ExecInClientDLL(1, input, buffer, -100000) == 0);
    CHECK(buffer[0] == 'X' && buffer[31] == 'X');
    for (int cap = 1; cap <= 24; cap++) {
        memset(buffer, 'X', sizeof buffer);
        CHECK(ExecInClientDLL(1, input, buffer, cap) == -needed);
        CHECK(buffer[0] == '\0');
        CHECK(buffer[1] == 'X' && buffer[cap] == 'X');
    }
    memset(buffer, 'X', sizeof buffer);
    CHECK(ExecInClientDLL(1, input, buffer, 0) == -needed);
    CHECK(buffer[0] == 'X');
}

// Unknown names, at any depth, are refused with invalid_args naming them (names are
// case-sensitive); unknown keys of the command itself with invalid_json.
static void unknown_names_are_refused(void) {
    char answer[1024];
    CHECK(call(1, "{\"op\":\"get_query_encode\",\"args\":{\"TicketCode\":\"T1\"}}", 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"invalid_args\",") == answer);
    CHECK(strstr(answer, "\\\"TicketCode\\\"") != NULL);
    const char *branch = "{\"op\":\"preflight\",\"args\":{\"body\":\"{}\",\"branch\":[[\"G1\",\"B1\"]]}}";
    CHECK(call(1, branch, 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"invalid_args\"") != NULL);
    CHECK(strstr(answer, "\\\"branch\\\"") != NULL);
    CHECK(call(1, "{\"op\":\"paginator_start\",\"args\":{\"query\":{\"ticketCode\":\"T1\",\"SourceBranch\":\"B1\"}}}", 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\\\"query.SourceBranch\\\"") != NULL);
    CHECK(call(1, "{\"op\":\"build_lote\",\"args\":{\"ticket\":\"T1\",\"branch\":\"B1\",\"events\":[{\"text\":\"x\",\"Key\":\"K1\"}]}}", 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\\\"events[0].Key\\\"") != NULL);
    // A missing argument and an unknown one: both are named.
    CHECK(call(1, "{\"op\":\"decode_post\",\"args\":{\"Status\":200}}", 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\\\"Status\\\"") != NULL && strstr(answer, "missing field `status`") != NULL);
    CHECK(call(1, "{\"op\":\"version\",\"args\":{\"verbose\":true}}", 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"invalid_args\"") != NULL);
    CHECK(call(1, "{\"op\":\"version\",\"Args\":{}}", 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"invalid_json\",") == answer);
    CHECK(strstr(answer, "\\\"Args\\\" is not a key of a command") != NULL);
    // Absent or null args are an empty object.
    CHECK(call(1, "{\"op\":\"version\",\"args\":null}", 1024, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":true,") == answer);
}

// ADVPL pads the command with the room for the answer: the padding changes neither an error's
// position nor the size asked for, so one retry with Space(-n) always fits.
static void padding_does_not_change_the_answer(void) {
    const char *expected =
        "{\"ok\":false,\"error\":{\"code\":\"invalid_json\",\"message\":\"EOF while parsing an object at line 1 column 1\"}}";
    const int needed = (int)strlen(expected) + 1;
    const int pads[] = {0, 5, 9, 99, 1000, 5000};
    for (size_t i = 0; i < sizeof pads / sizeof pads[0]; i++) {
        int pad = pads[i];
        char *buffer = malloc((size_t)(1 + pad + needed + 1));
        // As ADVPL: cBuffer := "{" + Space(pad), one buffer for the command and the answer.
        buffer[0] = '{';
        memset(buffer + 1, ' ', (size_t)pad);
        buffer[1 + pad] = '\0';
        int first = ExecInClientDLL(1, buffer, buffer, 1 + pad);
        if (1 + pad >= needed) {
            CHECK(first == needed - 1);
        } else {
            CHECK(first == -needed);
            // The retry: cBuffer := "{" + Space(-first).
            buffer[0] = '{';
            memset(buffer + 1, ' ', (size_t)(-first));
            buffer[1 - first] = '\0';
            CHECK(ExecInClientDLL(1, buffer, buffer, 1 - first) == needed - 1);
        }
        CHECK(strcmp(buffer, expected) == 0);
        free(buffer);
    }
    char answer[256];
    CHECK(call(1, "{\"op\":\"version\"}\t\r\n   ", 256, answer, sizeof answer) > 0);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":\"0.1.0\"}") == 0);
}

// The documented error codes, each answered ok first.
static void error_codes(void) {
    char answer[2048];
    const char *build = "{\"op\":\"build_lote\",\"args\":{\"ticket\":\"T1\",\"branch\":\"B1\",\"events\":[{\"text\":\"neither\"}]}}";
    CHECK(call(1, build, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"build_error\",\"message\":\"event 0: ") == answer);
    CHECK(call(1, "{\"op\":\"live_status\",\"args\":{\"body\":\"<a>\"}}", sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"malformed\",") == answer);
    CHECK(call(1, "{\"op\":\"live_status\",\"args\":{\"body\":\"<!DOCTYPE a><a/>\"}}", sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"doctype\",") == answer);
    CHECK(call(1, "{\"op\":\"live_status\",\"args\":{\"body\":\"<a/>\"}}", sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"unexpected_response\",") == answer);
    CHECK(call(7, "{}", sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"unknown_command\",") == answer);
    CHECK(ExecInClientDLL(1, NULL, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":false,\"error\":{\"code\":\"null_argument\",") == answer);
}

static void a_large_answer_asks_for_more_room(void) {
    // A page of 40 items decoded to canonical JSON: far beyond a small buffer.
    static char tables[32768], body[65536], command[70000], answer[131072];
    waiting_rows_json(tables, sizeof tables, "T1", 1, 40);
    taf_emulator *emulator = spec_emulator(tables);
    taf_http_request *request = NULL;
    taf_http_response *response = NULL;
    const char *url = "/rest/WSTAFST2?ticketCode=T1&startRecNo=1&sourceBranch=B1";
    size_t body_len = 0;
    uint16_t status = 0;
    CHECK_OK(taf_http_request_new(TAF_METHOD_GET, url, strlen(url), NULL, 0, &request));
    CHECK_OK(taf_emulator_handle(emulator, request, &response));
    CHECK_OK(taf_http_response_status(response, &status));
    CHECK_OK(taf_http_response_body(response, (uint8_t *)body, sizeof body - 1, &body_len));
    body[body_len] = '\0';
    // The emulator's body is JSON text; quote it as a JSON string for the command.
    size_t at = (size_t)snprintf(command, sizeof command, "{\"op\":\"decode_get\",\"args\":{\"status\":%u,\"body\":\"", status);
    for (size_t i = 0; i < body_len; i++) {
        if (body[i] == '"' || body[i] == '\\') {
            command[at++] = '\\';
        }
        command[at++] = body[i];
    }
    snprintf(command + at, sizeof command - at, "\"}}");

    int small = call(1, command, 200, answer, sizeof answer);
    CHECK(small < -200);
    CHECK(strstr(answer, "\"buffer_too_small\"") != NULL);
    int tiny = call(1, command, 10, answer, sizeof answer);
    CHECK(tiny == small);
    CHECK(answer[0] == '\0');
    int large = call(1, command, -small, answer, sizeof answer);
    CHECK(large == -small - 1);
    CHECK(strncmp(answer, "{\"ok\":true,\"result\":{\"body\":{\"type\":\"ticketCode\"", 47) == 0);
    CHECK(strstr(answer, "\"registryKey\":\"K40\"") != NULL);

    // SmartClient may pass one buffer as input and output: the command, then room.
    char *shared = malloc((size_t)(-small) + strlen(command) + 1);
    strcpy(shared, command);
    int in_place = ExecInClientDLL(1, shared, shared, (int)strlen(command) + 1 - small);
    CHECK(in_place == large);
    CHECK(strcmp(shared, answer) == 0);
    free(shared);
    taf_http_response_free(response);
    taf_http_request_free(request);
    taf_emulator_free(emulator);
}

static void errors_are_answers(void) {
    char answer[512];
    CHECK(call(7, "{\"op\":\"version\"}", 512, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"unknown_command\"") != NULL);
    CHECK(call(1, "{\"op\":", 512, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"invalid_json\"") != NULL);
    CHECK(call(1, "{\"op\":\"fly\"}", 512, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"unknown_op\"") != NULL);
    CHECK(call(1, "{\"op\":\"decode_get\",\"args\":{\"status\":200,\"body\":\"{}\"}}", 512, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"decode_error\"") != NULL);
    CHECK(ExecInClientDLL(1, NULL, answer, 512) > 0);
    CHECK(strstr(answer, "\"code\":\"null_argument\"") != NULL);
}

static void code_pages_in_and_out(void) {
    char answer[512];
    // Windows-1252 input (0xE3 is ã), as an ADVPL string in cp1252 arrives.
    const char *cp1252 = "{\"op\":\"get_query_encode\",\"args\":{\"ticketCode\":\"S\xe3o\",\"startRecNo\":1}}";
    CHECK(call(1, cp1252, 512, answer, sizeof answer) > 0);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":\"ticketCode=S%C3%A3o&startRecNo=1\"}") == 0);
    // Command 2 answers in ASCII with \u escapes.
    const char *envelope = "{\"op\":\"decode_post\",\"args\":{\"status\":200,\"body\":\"{\\\"coderr\\\" : 803,\\\"description\\\" : \\\"n\xc3\xa3o\\\"}\"}}";
    CHECK(call(2, envelope, 512, answer, sizeof answer) > 0);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":{\"envelope\":{\"coderr\":803,\"description\":\"n\\u00e3o\"}}}") == 0);
    CHECK(call(1, envelope, 512, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "n\xc3\xa3o") != NULL);
    // One rule for the whole command: a byte that is not UTF-8 makes every byte Windows-1252,
    // so the UTF-8 "\xc3\xa3" (\u00e3) beside it reads as "\u00c3\u00a3".
    const char *mixed = "{\"op\":\"get_query_encode\",\"args\":{\"ticketCode\":\"\xc3\xa3\xe3\",\"startRecNo\":1}}";
    CHECK(call(1, mixed, 512, answer, sizeof answer) > 0);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":\"ticketCode=%C3%83%C2%A3%C3%A3&startRecNo=1\"}") == 0);
}

static void policy_op(void) {
    char answer[512];
    CHECK(call(1, "{\"op\":\"policy_decide\",\"args\":{\"method\":\"GET\",\"status\":429,\"retryAfter\":\"3\"}}", 512, answer, sizeof answer) > 0);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":{\"action\":\"retry\",\"delayMs\":3000,\"reason\":null}}") == 0);
    CHECK(call(1, "{\"op\":\"policy_decide\",\"args\":{\"method\":\"post\",\"status\":200,\"body\":\"{\\\"coderr\\\" : 811,\\\"description\\\" : \\\"x\\\"}\"}}", 512, answer, sizeof answer) > 0);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":{\"action\":\"fail\",\"delayMs\":0,\"reason\":\"rejected\"}}") == 0);
}

// Copies the JSON value after `"key":` in `json` (an object or a string) into `out`.
static void json_member(const char *json, const char *key, char *out, size_t cap) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char *start = strstr(json, pattern);
    out[0] = '\0';
    if (start == NULL) {
        return;
    }
    start += strlen(pattern);
    int depth = 0, in_string = 0;
    const char *end = start;
    for (; *end != '\0'; end++) {
        if (in_string) {
            if (*end == '\\') end++;
            else if (*end == '"') in_string = 0;
        } else if (*end == '"') in_string = 1;
        else if (*end == '{' || *end == '[') depth++;
        else if (*end == '}' || *end == ']') {
            if (depth == 0) break;
            depth--;
        } else if (*end == ',' && depth == 0) break;
        if (depth == 0 && !in_string && end != start && (*start == '"' || *start == '{')) {
            if ((*start == '"' && *end == '"') || (*start == '{' && *end == '}')) { end++; break; }
        }
    }
    size_t len = (size_t)(end - start) < cap - 1 ? (size_t)(end - start) : cap - 1;
    memcpy(out, start, len);
    out[len] = '\0';
}

// G-19 through paginator_start / paginator_step, the cursor kept on the "ADVPL" side.
static void stateless_paginator_over_g19(void) {
    static char tables[8192], cursor[2048], query[512], answer[65536], command[70000], body[65536];
    waiting_rows_json(tables, sizeof tables, "T1", 10, 5);
    taf_emulator *emulator = spec_emulator(tables);
    CHECK(call(1, "{\"op\":\"paginator_start\",\"args\":{\"query\":{\"ticketCode\":\"T1\",\"sourceBranch\":\"B1\",\"lotQuantity\":2}}}", sizeof answer, answer, sizeof answer) > 0);
    json_member(answer, "cursor", cursor, sizeof cursor);
    json_member(strstr(answer, "\"request\":"), "query", query, sizeof query);
    int steps = 0, items = 0;
    while (query[0] == '"' && steps < 5) {
        char url[600];
        int url_len = snprintf(url, sizeof url, "/rest/WSTAFST2?%.*s", (int)strlen(query) - 2, query + 1);
        taf_http_request *request = NULL;
        taf_http_response *response = NULL;
        uint16_t status = 0;
        size_t body_len = 0;
        CHECK_OK(taf_http_request_new(TAF_METHOD_GET, url, (size_t)url_len, NULL, 0, &request));
        CHECK_OK(taf_emulator_handle(emulator, request, &response));
        CHECK_OK(taf_http_response_status(response, &status));
        CHECK_OK(taf_http_response_body(response, (uint8_t *)body, sizeof body - 1, &body_len));
        taf_http_response_free(response);
        taf_http_request_free(request);
        size_t at = (size_t)snprintf(command, sizeof command, "{\"op\":\"paginator_step\",\"args\":{\"cursor\":%s,\"status\":%u,\"body\":\"", cursor, status);
        for (size_t i = 0; i < body_len; i++) {
            if (body[i] == '"' || body[i] == '\\') command[at++] = '\\';
            command[at++] = body[i];
        }
        snprintf(command + at, sizeof command - at, "\"}}");
        CHECK(call(1, command, sizeof answer, answer, sizeof answer) > 0);
        for (const char *p = answer; (p = strstr(p, "{\"item\":")) != NULL; p++) {
            items++;
        }
        json_member(answer, "cursor", cursor, sizeof cursor);
        const char *request_at = strstr(answer, "\"request\":");
        json_member(request_at != NULL ? request_at : "", "query", query, sizeof query);
        steps++;
    }
    CHECK(steps == 3);
    CHECK(items == 5);
    CHECK(strstr(answer, "\"state\":\"finished\"") != NULL);
    CHECK(strstr(answer, "\"request\":null") != NULL);
    taf_emulator_free(emulator);
}

// build_lote, then preflight of what it built, then live_status, through the bridge.
static void lote_preflight_and_live_ops(void) {
    static char answer[8192];
    const char *build =
        "{\"op\":\"build_lote\",\"args\":{\"ticket\":\"T1\",\"branch\":\"B1\",\"events\":["
        "{\"text\":\"<eSocial xmlns=\\\"http://www.esocial.gov.br/schema/evt/evtTabRubrica/v_S_01_03_00\\\">"
        "<evtTabRubrica Id=\\\"ID1112223330000002025061014300000001\\\"/></eSocial>\",\"key\":\"K1\"}]}}";
    CHECK(call(1, build, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":true,\"result\":{\"lotes\":[\"{\\\"ticketCode\\\":\\\"T1\\\"") == answer);
    CHECK(strstr(answer, "\\\"registryType\\\":\\\"S-1010\\\",\\\"registryKey\\\":\\\"K1\\\"") != NULL);
    // Too small a buffer asks for the room, as for every op.
    CHECK(call(1, build, 16, answer, sizeof answer) < -16);

    const char *check =
        "{\"op\":\"preflight\",\"args\":{\"body\":\"{\\\"ticketCode\\\":\\\"T1\\\",\\\"lote\\\":[{\\\"sourceBranch\\\":\\\"BX\\\","
        "\\\"messageType\\\":\\\"2\\\"}]}\",\"branches\":[[\"G1\",\"B1\"]]}}";
    CHECK(call(1, check, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"status\":200") != NULL);
    CHECK(strstr(answer, "\"exitCode\":2") != NULL);
    CHECK(strstr(answer, "\"code\":\"803\"") != NULL);

    // Without branches the bridge invents none: no 803, and W22 says the branch rules were not predicted.
    const char *unknown_branches =
        "{\"op\":\"preflight\",\"args\":{\"body\":\"{\\\"ticketCode\\\":\\\"T1\\\",\\\"lote\\\":[{\\\"sourceBranch\\\":\\\"BX\\\","
        "\\\"messageType\\\":\\\"2\\\"}]}\"}}";
    CHECK(call(1, unknown_branches, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"803\"") == NULL);
    CHECK(strstr(answer, "\"code\":\"W22\"") != NULL);

    // The stores capsule's encontrouRegistros: a ticket without stores is "found" by default,
    // not found when the caller picks the documents reading; any other reading is refused.
    const char *stores_head =
        "{\"op\":\"live_capsule\",\"args\":{\"capsule\":\"recuperar_lojas\",\"input\":{\"retornaTodasLojas\":\"true\","
        "\"chaveAcesso\":\"k\",\"codigoSistemaSatelite\":\"1\"},\"status\":200,\"nowUnixMs\":1,\"body\":"
        "\"<s:Envelope xmlns:s=\\\"http://schemas.xmlsoap.org/soap/envelope/\\\"><s:Body>"
        "<RecuperarLojasLC_Integracao_XmlResponse xmlns=\\\"http://LiveConnector/\\\"><RecuperarLojasLC_Integracao_XmlResult>"
        "&lt;T&gt;&lt;Numero&gt;12&lt;/Numero&gt;&lt;/T&gt;</RecuperarLojasLC_Integracao_XmlResult>"
        "</RecuperarLojasLC_Integracao_XmlResponse></s:Body></s:Envelope>\"";
    static char stores[4096];
    snprintf(stores, sizeof stores, "%s}}", stores_head);
    CHECK(call(1, stores, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"encontrouRegistros\":true") != NULL);
    snprintf(stores, sizeof stores, "%s,\"storesFound\":\"documents\"}}", stores_head);
    CHECK(call(1, stores, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"encontrouRegistros\":false") != NULL);
    snprintf(stores, sizeof stores, "%s,\"storesFound\":\"stores\"}}", stores_head);
    CHECK(call(1, stores, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"invalid_args\"") != NULL);

    // The status capsule takes live_status's processStatus knobs: a processed item with a
    // detail is an ERROR by default and a SUCCESS with detailIsError false; an answer without
    // items is an ERROR by default and what `empty` says otherwise.
    const char *status_head =
        "{\"op\":\"live_capsule\",\"args\":{\"capsule\":\"consultar_status\",\"input\":{\"chaveAcesso\":\"k\","
        "\"codigoSistemaSatelite\":\"1\",\"numeroTicket\":\"77\"},\"status\":200,\"nowUnixMs\":1,\"body\":"
        "\"<s:Envelope xmlns:s=\\\"http://schemas.xmlsoap.org/soap/envelope/\\\"><s:Body>"
        "<ConsultarStatusTicketLC_IntegracaoResponse xmlns=\\\"http://LiveConnector/\\\"><ConsultarStatusTicketLC_IntegracaoResult"
        " xmlns:a=\\\"http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects\\\">%s"
        "</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>\"%s}}";
    const char *noted = "<a:LC_StatusTicket><a:DetalheSituacao>com aviso</a:DetalheSituacao><a:NumeroSequencia>1"
                        "</a:NumeroSequencia><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:LC_StatusTicket>";
    static char status[4096];
    snprintf(status, sizeof status, status_head, noted, "");
    CHECK(call(1, status, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"processStatus\":\"ERROR\"") != NULL);
    snprintf(status, sizeof status, status_head, noted, ",\"detailIsError\":false");
    CHECK(call(1, status, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"processStatus\":\"SUCCESS\"") != NULL);
    snprintf(status, sizeof status, status_head, "", "");
    CHECK(call(1, status, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"processStatus\":\"ERROR\"") != NULL);
    snprintf(status, sizeof status, status_head, "", ",\"empty\":\"PROCESSING\"");
    CHECK(call(1, status, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"processStatus\":\"PROCESSING\"") != NULL);

    const char *fault =
        "{\"op\":\"live_status\",\"args\":{\"body\":\"<s:Envelope xmlns:s=\\\"http://schemas.xmlsoap.org/soap/envelope/\\\">"
        "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Chave de Acesso Invalida</faultstring>"
        "</s:Fault></s:Body></s:Envelope>\"}}";
    CHECK(call(1, fault, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"invalid_access_key\"") != NULL);
    CHECK(strstr(answer, "\"ok\":false") != NULL);
}

// validate_event: the schema report of an event as JSON; bad XML is a finding, not an error.
static void validate_event_op(void) {
    static char answer[8192];
#define S1010_HEAD                                                                                           \
    "{\"op\":\"validate_event\",\"args\":{\"text\":\"<eSocial xmlns=\\\"http://www.esocial.gov.br/schema/evt/evtTabRubrica/" \
    "v_S_01_03_00\\\"><evtTabRubrica Id=\\\"ID1112223330000002025061014300000001\\\"><ideEvento><tpAmb>2</tpAmb>"          \
    "<procEmi>1</procEmi><verProc>ERP</verProc></ideEvento><ideEmpregador><tpInsc>1</tpInsc>"                \
    "<nrInsc>11222333</nrInsc></ideEmpregador><infoRubrica><inclusao><ideRubrica><codRubr>1001</codRubr>"    \
    "<ideTabRubr>RUBR01</ideTabRubr><iniValid>2025-01</iniValid></ideRubrica><dadosRubrica>"                 \
    "<dscRubr>SALARIO</dscRubr>"
#define S1010_TAIL                                                                                           \
    "<tpRubr>1</tpRubr><codIncCP>11</codIncCP><codIncIRRF>11</codIncIRRF><codIncFGTS>11</codIncFGTS>"        \
    "</dadosRubrica></inclusao></infoRubrica></evtTabRubrica></eSocial>\""
    const char *valid = S1010_HEAD "<natRubr>1000</natRubr>" S1010_TAIL "}}";
    CHECK(call(1, valid, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "{\"ok\":true,\"result\":{") == answer);
    CHECK(strstr(answer, "\"event\":\"evtTabRubrica\"") != NULL);
    CHECK(strstr(answer, "\"layout\":\"S-1.3\"") != NULL);
    CHECK(strstr(answer, "\"valid\":true") != NULL);
    CHECK(strstr(answer, "\"findings\":[]") != NULL);

    const char *invalid = S1010_HEAD "<natRubr>10000</natRubr>" S1010_TAIL "}}";
    CHECK(call(1, invalid, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"valid\":false") != NULL);
    CHECK(strstr(answer, "\"path\":\"/eSocial/evtTabRubrica/infoRubrica/inclusao/dadosRubrica/natRubr\"") != NULL);
    CHECK(strstr(answer, "\"value\":\"10000\"") != NULL);
    CHECK(strstr(answer, "\"severity\":\"error\"") != NULL);

    // A partial event: the missing natRubr is a warning, the event still valid.
    const char *partial = S1010_HEAD S1010_TAIL ",\"partial\":true}}";
    CHECK(call(1, partial, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"valid\":true") != NULL);
    CHECK(strstr(answer, "\"severity\":\"warning\"") != NULL);
    const char *signed_event = S1010_HEAD "<natRubr>1000</natRubr>" S1010_TAIL ",\"requireSignature\":true}}";
    CHECK(call(1, signed_event, sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"valid\":false") != NULL);
    CHECK(strstr(answer, "Signature") != NULL);
#undef S1010_HEAD
#undef S1010_TAIL

    CHECK(call(1, "{\"op\":\"validate_event\",\"args\":{\"text\":\"<eSocial\"}}", sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"ok\":true") != NULL);
    CHECK(strstr(answer, "\"valid\":false") != NULL);
    CHECK(call(1, "{\"op\":\"validate_event\",\"args\":{\"Text\":\"<a/>\"}}", sizeof answer, answer, sizeof answer) > 0);
    CHECK(strstr(answer, "\"code\":\"invalid_args\"") != NULL);
}

int main(void) {
    validate_event_op();
    lote_preflight_and_live_ops();
    version_in_small_and_large_buffers();
    unusable_and_tiny_buffers();
    unknown_names_are_refused();
    padding_does_not_change_the_answer();
    error_codes();
    a_large_answer_asks_for_more_room();
    errors_are_answers();
    code_pages_in_and_out();
    policy_op();
    stateless_paginator_over_g19();
    return check_summary("test_advpl");
}

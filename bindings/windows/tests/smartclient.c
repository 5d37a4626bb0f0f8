// Plays SmartClient against libtaf: loads the library by name, finds ExecInClientDLL and calls it
// as ExeDLLRun2 does (a command number, the command text, a caller-allocated buffer). It covers
// every bridge op with UTF-8 and Windows-1252 input, commands 1 and 2, buffers too small and
// exact, and the whole cycle (build a lote, preflight it, page a recorded session).
//
// The same source builds for Windows (MinGW, LoadLibrary) and Linux (dlopen), and both write a
// transcript of every call (input, buffer size, return value, buffer contents): the Makefile
// compares the transcripts byte for byte, so the DLL must answer exactly as libtaf.so does.
//
// usage: smartclient LIBRARY SESSION TRANSCRIPT
//   LIBRARY     what to load: "libtaf" on Windows (LoadLibrary appends .dll, as ExecInDLLOpen
//               does), the path of libtaf.so on Linux
//   SESSION     bindings/windows/tests/session.tsv (recorded GET answers)
//   TRANSCRIPT  file the transcript is written to
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

#ifndef TAF_VERSION
#error "build with -DTAF_VERSION=\"x.y.z\" (the workspace version)"
#endif

#define CANARY 0x5A
#define CANARY_LEN 16
#define BIG (1 << 20)

// The export as TOTVS's own C++ sample declares it: the compiler's default convention (cdecl).
typedef int (*exec_in_client_dll)(int, char *, char *, int);

static exec_in_client_dll bridge;
static FILE *transcript;

// Loads `name` and finds ExecInClientDLL, as ExecInDLLOpen does; NULL when either fails.
static exec_in_client_dll load(const char *name) {
#ifdef _WIN32
    HMODULE library = LoadLibraryA(name);
    if (library == NULL) {
        fprintf(stderr, "LoadLibrary(%s) failed: error %lu\n", name, (unsigned long)GetLastError());
        return NULL;
    }
    // A stdcall export would carry the decorated name; SmartClient asks for the plain one.
    CHECK(GetProcAddress(library, "_ExecInClientDLL@16") == NULL);
    CHECK(GetProcAddress(library, "ExecInClientDLL@16") == NULL);
    return (exec_in_client_dll)(void (*)(void))GetProcAddress(library, "ExecInClientDLL");
#else
    void *library = dlopen(name, RTLD_NOW);
    if (library == NULL) {
        fprintf(stderr, "dlopen(%s) failed: %s\n", name, dlerror());
        return NULL;
    }
    exec_in_client_dll found;
    *(void **)&found = dlsym(library, "ExecInClientDLL");
    return found;
#endif
}

// One call with a `cap`-byte buffer followed by canaries: checks the canaries, copies the answer
// (up to its NUL, or nothing when the bridge wrote none) into `answer` and logs the call.
static int call(int command, const char *input, int cap, char *answer) {
    char *buffer = malloc((size_t)cap + CANARY_LEN);
    char *text = malloc(strlen(input) + 1);
    memset(buffer, CANARY, (size_t)cap + CANARY_LEN);
    strcpy(text, input);
    int result = bridge(command, text, buffer, cap);
    for (int i = cap; i < cap + CANARY_LEN; i++) {
        CHECK((unsigned char)buffer[i] == CANARY);
    }
    size_t len = 0;
    while ((int)len < cap && buffer[len] != '\0') {
        len++;
    }
    if ((int)len < cap) {
        memcpy(answer, buffer, len + 1);
    } else {
        answer[0] = '\0';  // no NUL inside the buffer: nothing was written
        CHECK(cap == 0 || (unsigned char)buffer[0] == CANARY);
    }
    fprintf(transcript, "> %d %d %s\n< %d %s\n", command, cap, input, result, answer);
    free(text);
    free(buffer);
    return result;
}

// Calls with a buffer of BIG bytes; the answer lands in `answer` (BIG bytes too).
static int run(int command, const char *input, char *answer) {
    int result = call(command, input, BIG, answer);
    CHECK(result >= 0 && (size_t)result == strlen(answer));
    return result;
}

// `utf8` with every non-ASCII character as a lowercase \uXXXX escape (surrogate pairs above
// U+FFFF): what command 2 must answer when command 1 answers `utf8`.
static void ascii_escaped(const char *utf8, char *out) {
    const unsigned char *at = (const unsigned char *)utf8;
    while (*at != '\0') {
        uint32_t code = *at;
        int extra = code >= 0xF0 ? 3 : code >= 0xE0 ? 2 : code >= 0xC0 ? 1 : 0;
        if (extra > 0) {
            code &= 0x3F >> extra;
        }
        at++;
        for (int i = 0; i < extra; i++) {
            code = (code << 6) | (*at++ & 0x3F);
        }
        if (code < 0x80) {
            *out++ = (char)code;
        } else if (code < 0x10000) {
            out += sprintf(out, "\\u%04x", (unsigned)code);
        } else {
            code -= 0x10000;
            out += sprintf(out, "\\u%04x\\u%04x", 0xD800 + (unsigned)(code >> 10), 0xDC00 + (unsigned)(code & 0x3FF));
        }
    }
    *out = '\0';
}

// `utf8` (Latin-1 characters only) in Windows-1252, as a SmartClient in cp1252 sends it.
static void to_cp1252(const char *utf8, char *out) {
    const unsigned char *at = (const unsigned char *)utf8;
    while (*at != '\0') {
        if ((*at == 0xC2 || *at == 0xC3) && at[1] != '\0') {
            *out++ = (char)(((at[0] & 0x03) << 6) | (at[1] & 0x3F));
            at += 2;
        } else {
            *out++ = (char)*at++;
        }
    }
    *out = '\0';
}

// Whether `text` has a byte outside ASCII.
static int has_non_ascii(const char *text) {
    for (; *text != '\0'; text++) {
        if ((unsigned char)*text >= 0x80) {
            return 1;
        }
    }
    return 0;
}

// Buffers around an answer of `length` bytes: exact fits, one byte short asks for length + 1
// (with the short buffer_too_small answer when that fits), none and NULL write nothing.
static void check_buffers(int command, const char *input, const char *expected) {
    int length = (int)strlen(expected);
    char *answer = malloc(BIG);
    CHECK(call(command, input, length + 1, answer) == length);
    CHECK(strcmp(answer, expected) == 0);
    CHECK(call(command, input, length, answer) == -(length + 1));
    char short_answer[128];
    int short_len = snprintf(short_answer, sizeof short_answer,
                             "{\"ok\":false,\"error\":{\"code\":\"buffer_too_small\",\"needed\":%d}}", length + 1);
    CHECK(strcmp(answer, short_len < length ? short_answer : "") == 0);
    CHECK(call(command, input, short_len + 1, answer) == (short_len < length ? -(length + 1) : length));
    CHECK(call(command, input, 0, answer) == -(length + 1));
    char *text = malloc(strlen(input) + 1);
    strcpy(text, input);
    // No buffer to write to: the bridge runs nothing and answers 0.
    CHECK(bridge(command, text, NULL, length + 1) == 0);
    free(text);
    free(answer);
}

// One op with `utf8` input: commands 1 and 2, the same command in Windows-1252, the buffers.
// Returns the command 1 answer (malloc'd).
static char *every_way(const char *utf8) {
    char *one = malloc(BIG), *two = malloc(BIG), *expected = malloc(BIG), *again = malloc(BIG);
    char *cp1252 = malloc(strlen(utf8) + 1);
    run(1, utf8, one);
    CHECK(strncmp(one, "{\"ok\":true,\"result\":", 20) == 0);
    run(2, utf8, two);
    ascii_escaped(one, expected);
    CHECK(strcmp(two, expected) == 0);
    CHECK(!has_non_ascii(two));
    if (has_non_ascii(utf8)) {
        to_cp1252(utf8, cp1252);
        run(1, cp1252, again);
        CHECK(strcmp(again, one) == 0);
        run(2, cp1252, again);
        CHECK(strcmp(again, two) == 0);
    }
    check_buffers(1, utf8, one);
    check_buffers(2, utf8, two);
    free(cp1252);
    free(again);
    free(expected);
    free(two);
    return one;
}

// Appends `text` to `out` as a JSON string literal; returns the new end.
static char *json_quote(char *out, const char *text, size_t len) {
    *out++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char byte = (unsigned char)text[i];
        if (byte == '"' || byte == '\\') {
            *out++ = '\\';
            *out++ = (char)byte;
        } else if (byte < 0x20) {
            out += sprintf(out, "\\u%04x", byte);
        } else {
            *out++ = (char)byte;
        }
    }
    *out++ = '"';
    *out = '\0';
    return out;
}

// The end of the JSON value starting at `value` (a string, object, array or scalar).
static const char *json_value_end(const char *value) {
    int depth = 0;
    const char *at = value;
    do {
        if (*at == '"') {
            for (at++; *at != '"'; at++) {
                if (*at == '\\') {
                    at++;
                }
            }
        } else if (*at == '{' || *at == '[') {
            depth++;
        } else if (*at == '}' || *at == ']') {
            depth--;
        } else if (depth == 0) {
            while (at[1] != '\0' && strchr(",}]", at[1]) == NULL) {
                at++;
            }
        }
        at++;
    } while (depth > 0 && *at != '\0');
    return at;
}

// Copies the value of the first `"key":` after `from` in `json` into `out`; "" when absent.
static void json_get(const char *json, const char *key, char *out) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char *value = strstr(json, pattern);
    out[0] = '\0';
    if (value != NULL) {
        value += strlen(pattern);
        size_t len = (size_t)(json_value_end(value) - value);
        memcpy(out, value, len);
        out[len] = '\0';
    }
}

// The answer to every op but the paginator's (which the cycle covers), each every way.
static void every_op(void) {
    static const char *const commands[] = {
        "{\"op\":\"version\"}",
        "{\"op\":\"get_query_encode\",\"args\":{\"ticketCode\":\"São João\",\"startRecNo\":1,\"sourceBranch\":\"Filial Ação\",\"lotQuantity\":50}}",
        "{\"op\":\"decode_post\",\"args\":{\"status\":200,\"body\":\"{\\\"coderr\\\" : 803,\\\"description\\\" : \\\"Filial não cadastrada\\\"}\"}}",
        "{\"op\":\"decode_get\",\"args\":{\"status\":200,\"body\":\"{\\\"coderr\\\" : 803,\\\"description\\\" : \\\"O valor do campo sourceBranch (TAFFIL)  não está cadastro\\\"}\"}}",
        "{\"op\":\"decode_delete\",\"args\":{\"status\":500,\"body\":\"{\\\"errorCode\\\":704,\\\"errorMessage\\\":\\\"Campo deleteTicket não declarado na raiz do arquivo.\\\"}\"}}",
        "{\"op\":\"decode_delete\",\"args\":{\"status\":200,\"body\":\"{\\\"success\\\" : true}\"}}",
        "{\"op\":\"policy_decide\",\"args\":{\"method\":\"GET\",\"status\":429,\"retryAfter\":\"3\"}}",
        "{\"op\":\"policy_decide\",\"args\":{\"method\":\"POST\",\"status\":200,\"body\":\"{\\\"coderr\\\" : 811,\\\"description\\\" : \\\"Lote inválido\\\"}\"}}",
        "{\"op\":\"paginator_start\",\"args\":{\"query\":{\"ticketCode\":\"Tíquete\",\"sourceBranch\":\"B1\",\"lotQuantity\":2}}}",
        "{\"op\":\"live_status\",\"args\":{\"body\":\"<s:Envelope xmlns:s=\\\"http://schemas.xmlsoap.org/soap/envelope/\\\"><s:Body>"
        "<ConsultarStatusTicketLC_IntegracaoResponse xmlns=\\\"http://LiveConnector/\\\"><ConsultarStatusTicketLC_IntegracaoResult "
        "xmlns:a=\\\"http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects\\\">"
        "<a:LC_StatusTicket><a:DetalheSituacao>Código inválido</a:DetalheSituacao><a:NumeroSequencia>1</a:NumeroSequencia>"
        "<a:SituacaoProcessamento>Erro</a:SituacaoProcessamento></a:LC_StatusTicket></ConsultarStatusTicketLC_IntegracaoResult>"
        "</ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>\"}}",
        "{\"op\":\"live_capsule\",\"args\":{\"capsule\":\"consultar_status\",\"input\":{\"chaveAcesso\":\"chave\","
        "\"codigoSistemaSatelite\":\"1\",\"numeroTicket\":\"Tíquete-1\"},\"status\":200,\"nowUnixMs\":1749566400000,"
        "\"body\":\"<s:Envelope xmlns:s=\\\"http://schemas.xmlsoap.org/soap/envelope/\\\"><s:Body>"
        "<ConsultarStatusTicketLC_IntegracaoResponse xmlns=\\\"http://LiveConnector/\\\"><ConsultarStatusTicketLC_IntegracaoResult "
        "xmlns:a=\\\"http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects\\\">"
        "<a:LC_StatusTicket><a:DetalheSituacao>Não processado</a:DetalheSituacao><a:NumeroSequencia>1</a:NumeroSequencia>"
        "<a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:LC_StatusTicket></ConsultarStatusTicketLC_IntegracaoResult>"
        "</ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>\"}}",
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        free(every_way(commands[i]));
    }
    char *answer = malloc(BIG);
    run(1, commands[0], answer);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":\"" TAF_VERSION "\"}") == 0);
    run(1, commands[1], answer);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":\"ticketCode=S%C3%A3o%20Jo%C3%A3o&startRecNo=1&sourceBranch=Filial%20A%C3%A7%C3%A3o&lotQuantity=50\"}") == 0);
    run(2, commands[2], answer);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":{\"envelope\":{\"coderr\":803,\"description\":\"Filial n\\u00e3o cadastrada\"}}}") == 0);
    run(1, commands[6], answer);
    CHECK(strcmp(answer, "{\"ok\":true,\"result\":{\"action\":\"retry\",\"delayMs\":3000,\"reason\":null}}") == 0);
    run(2, commands[9], answer);
    CHECK(strstr(answer, "\"C\\u00f3digo inv\\u00e1lido\"") != NULL);
    free(answer);
}

// Commands the bridge refuses: unknown command numbers, bad JSON, unknown ops, NULL input.
static void refusals(void) {
    char *answer = malloc(BIG);
    run(7, "{\"op\":\"version\"}", answer);
    CHECK(strstr(answer, "\"code\":\"unknown_command\"") != NULL);
    run(1, "{\"op\":", answer);
    CHECK(strstr(answer, "\"code\":\"invalid_json\"") != NULL);
    run(2, "{\"op\":\"voar\",\"args\":{\"até\":1}}", answer);
    CHECK(strstr(answer, "\"code\":\"unknown_op\"") != NULL);
    CHECK(bridge(1, NULL, answer, BIG) > 0);
    CHECK(strstr(answer, "\"code\":\"null_argument\"") != NULL);
    fprintf(transcript, "> 1 %d NULL\n< %s\n", BIG, answer);
    free(answer);
}

// build_lote, preflight of what it built, then a paging session over recorded GET answers,
// with commands 1 and 2; the cursor travels as ADVPL keeps it, as JSON text.
static void cycle(int command, const char *session_path) {
    static const char event[] =
        "<eSocial xmlns=\\\"http://www.esocial.gov.br/schema/evt/evtTabRubrica/v_S_01_03_00\\\">"
        "<evtTabRubrica Id=\\\"ID1112223330000002025061014300000001\\\"><ideEvento><tpAmb>2</tpAmb>"
        "<procEmi>1</procEmi><verProc>ERP-1.0.0</verProc></ideEvento><ideEmpregador><tpInsc>1</tpInsc>"
        "<nrInsc>11222333</nrInsc></ideEmpregador><infoRubrica><inclusao><ideRubrica><codRubr>1001</codRubr>"
        "<ideTabRubr>RUBR01</ideTabRubr><iniValid>2025-01</iniValid></ideRubrica><dadosRubrica>"
        "<dscRubr>SALÁRIO BASE</dscRubr><natRubr>1000</natRubr><tpRubr>1</tpRubr><codIncCP>11</codIncCP>"
        "<codIncIRRF>11</codIncIRRF><codIncFGTS>11</codIncFGTS></dadosRubrica></inclusao></infoRubrica>"
        "</evtTabRubrica></eSocial>";
    char *answer = malloc(BIG), *lote = malloc(BIG), *input = malloc(BIG), *cursor = malloc(BIG);
    char query[1024], state[64], request[2048];

    snprintf(input, BIG, "{\"op\":\"build_lote\",\"args\":{\"ticket\":\"T1\",\"branch\":\"B1\",\"events\":[{\"text\":\"%s\",\"key\":\"K1\"}]}}", event);
    if (command == 1) {
        free(every_way(input));
    }
    run(command, input, answer);
    json_get(answer, "lotes", lote);
    CHECK(lote[0] == '[' && strstr(lote, "\\\"registryType\\\":\\\"S-1010\\\"") != NULL);
    memmove(lote, lote + 1, strlen(lote));  // the first (only) lote: a JSON string
    *(char *)json_value_end(lote) = '\0';

    snprintf(input, BIG, "{\"op\":\"preflight\",\"args\":{\"body\":%s,\"branches\":[[\"G1\",\"B1\"]]}}", lote);
    if (command == 1) {
        free(every_way(input));
    }
    run(command, input, answer);
    CHECK(strstr(answer, "\"exitCode\":0,\"findings\":[],\"status\":200") != NULL);
    CHECK(strstr(answer, "[{\\\"key\\\" : \\\"K1\\\",\\\"success\\\" : true}]") != NULL);

    run(command, "{\"op\":\"paginator_start\",\"args\":{\"query\":{\"ticketCode\":\"T1\",\"sourceBranch\":\"B1\",\"lotQuantity\":2}}}", answer);
    FILE *session = fopen(session_path, "rb");
    CHECK(session != NULL);
    static char line[BIG];
    int pages = 0, items = 0;
    while (session != NULL && fgets(line, sizeof line, session) != NULL) {
        if (line[0] == '#') {
            continue;
        }
        char *status = strchr(line, '\t');
        char *body = status != NULL ? strchr(status + 1, '\t') : NULL;
        CHECK(body != NULL);
        if (body == NULL) {
            break;
        }
        *status++ = '\0';
        *body++ = '\0';
        body[strcspn(body, "\r\n")] = '\0';
        // The paginator asks for exactly the page the recorded session answered.
        json_get(answer, "request", request);
        json_get(request, "query", query);
        CHECK(strlen(query) == strlen(line) + 2 && strncmp(query + 1, line, strlen(line)) == 0);
        json_get(answer, "cursor", cursor);
        char *at = input + snprintf(input, BIG, "{\"op\":\"paginator_step\",\"args\":{\"cursor\":%s,\"status\":%s,\"body\":", cursor, status);
        at = json_quote(at, body, strlen(body));
        strcpy(at, "}}");
        if (command == 1 && pages == 0) {
            free(every_way(input));
        }
        run(command, input, answer);
        for (const char *item = answer; (item = strstr(item, "{\"item\":")) != NULL; item++) {
            items++;
        }
        pages++;
    }
    if (session != NULL) {
        fclose(session);
    }
    json_get(answer, "state", state);
    json_get(answer, "request", request);
    CHECK(pages == 3);
    CHECK(items == 5);
    CHECK(strcmp(state, "\"finished\"") == 0);
    CHECK(strcmp(request, "null") == 0);
    CHECK(strstr(answer, "\"registryKey\":\"K14\"") != NULL);
    free(cursor);
    free(input);
    free(lote);
    free(answer);
}

#if defined(_WIN32) && defined(__i386__)
// Calls the export with the four arguments pushed by hand and returns how many bytes of them
// the callee popped: 0 for cdecl (the caller cleans up, as TOTVS's sample expects), 16 for
// stdcall. The stack pointer is restored from a saved copy either way.
static int bytes_popped_by_callee(char *input, char *output, int cap, int *result) {
    struct {
        exec_in_client_dll function;
        int command;
        char *input;
        char *output;
        int cap;
        int result;
    } frame = {bridge, 1, input, output, cap, 0};
    int left;
    __asm__ volatile(
        "movl %%esp, %%esi\n\t"
        "pushl 16(%%ebx)\n\t"
        "pushl 12(%%ebx)\n\t"
        "pushl 8(%%ebx)\n\t"
        "pushl 4(%%ebx)\n\t"
        "call *(%%ebx)\n\t"
        "movl %%eax, 20(%%ebx)\n\t"
        "movl %%esi, %%edx\n\t"
        "subl %%esp, %%edx\n\t"
        "movl %%esi, %%esp\n\t"
        : "=&d"(left)
        : "b"(&frame)
        : "eax", "ecx", "esi", "memory", "cc");
    *result = frame.result;
    return 16 - left;
}

static void calling_convention(void) {
    char input[] = "{\"op\":\"version\"}";
    char output[256];
    int result = 0;
    CHECK(bytes_popped_by_callee(input, output, sizeof output, &result) == 0);
    CHECK(result == (int)strlen(output));
    CHECK(strcmp(output, "{\"ok\":true,\"result\":\"" TAF_VERSION "\"}") == 0);
}
#else
static void calling_convention(void) {
    // x64 Windows and Linux have one C calling convention: nothing to tell apart.
}
#endif

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s LIBRARY SESSION TRANSCRIPT\n", argv[0]);
        return 2;
    }
    bridge = load(argv[1]);
    transcript = fopen(argv[3], "wb");
    if (bridge == NULL || transcript == NULL) {
        fprintf(stderr, "cannot load ExecInClientDLL from %s or write %s\n", argv[1], argv[3]);
        return 1;
    }
    calling_convention();
    every_op();
    refusals();
    cycle(1, argv[2]);
    cycle(2, argv[2]);
    fclose(transcript);
    return check_summary("smartclient");
}

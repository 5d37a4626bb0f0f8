// Builds a lote from event files (the sample events by default) and prints what the server
// would answer, with every finding. Usage: build_and_check [EVENT_FILE...]
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taf.h"

static const char *const DEFAULT_EVENTS[] = {
    "tests/fixtures/events/s1010.xml",
    "tests/fixtures/events/s2220.xml",
    "tests/fixtures/events/r1000.xml",
};

// Prints the library's description of a failed call and exits.
static void fail(const char *what, taf_result result) {
    char message[512];
    size_t len = 0;
    if (taf_error_message(result, message, sizeof message - 1, &len) != TAF_RESULT_OK) {
        len = 0;
    }
    message[len] = '\0';
    fprintf(stderr, "%s: %s\n", what, message);
    exit(3);
}

#define TRY(call)                                                              \
    do {                                                                       \
        taf_result try_result_ = (call);                                       \
        if (try_result_ != TAF_RESULT_OK) {                                    \
            fail(#call, try_result_);                                          \
        }                                                                      \
    } while (0)

// Reads a whole file; the caller frees the buffer.
static char *read_file(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        perror(path);
        exit(3);
    }
    size_t cap = 1 << 16, used = 0;
    char *data = malloc(cap);
    size_t got;
    while (data != NULL && (got = fread(data + used, 1, cap - used, file)) > 0) {
        used += got;
        if (used == cap) {
            char *bigger = realloc(data, cap *= 2);
            if (bigger == NULL) {
                free(data);
                data = NULL;
            } else {
                data = bigger;
            }
        }
    }
    fclose(file);
    if (data == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(3);
    }
    *len = used;
    return data;
}

int main(int argc, char **argv) {
    size_t files = argc > 1 ? (size_t)argc - 1 : sizeof DEFAULT_EVENTS / sizeof DEFAULT_EVENTS[0];
    taf_lote_builder *builder = NULL;
    TRY(taf_lote_builder_new("DEMO-C", 6, "0100", 4, &builder));
    for (size_t i = 0; i < files; i++) {
        const char *path = argc > 1 ? argv[i + 1] : DEFAULT_EVENTS[i];
        size_t len = 0;
        char *event = read_file(path, &len);
        TRY(taf_lote_builder_add_event(builder, (const uint8_t *)event, len, NULL, 0, NULL, 0));
        free(event);
    }
    size_t lotes = 0, body_len = 0;
    TRY(taf_lote_builder_build(builder, &lotes));
    // Ask for the size first, then fetch the body.
    taf_result sized = taf_lote_builder_lote(builder, 0, NULL, 0, &body_len);
    if (sized != TAF_RESULT_BUFFER_TOO_SMALL && sized != TAF_RESULT_OK) {
        fail("taf_lote_builder_lote", sized);
    }
    char *body = malloc(body_len + 1);
    if (body == NULL) {
        return 3;
    }
    TRY(taf_lote_builder_lote(builder, 0, body, body_len, &body_len));

    taf_preflight *preflight = NULL;
    taf_verdict *verdict = NULL;
    TRY(taf_preflight_new(&preflight));
    TRY(taf_preflight_add_branch(preflight, "T1", 2, "0100", 4));
    TRY(taf_preflight_check(preflight, (const uint8_t *)body, body_len, &verdict));
    uint16_t status = 0;
    uint8_t exit_code = 0;
    size_t findings = 0, len = 0;
    static char answer[1 << 16];
    TRY(taf_verdict_status(verdict, &status));
    TRY(taf_verdict_body(verdict, answer, sizeof answer - 1, &len));
    answer[len] = '\0';
    printf("%zu event(s), %zu bytes of JSON; the server would answer HTTP %u:\n%s\n", files, body_len,
           (unsigned)status, answer);
    TRY(taf_verdict_finding_count(verdict, &findings));
    for (size_t i = 0; i < findings; i++) {
        char code[16], message[1024];
        size_t code_len = 0, message_len = 0;
        int64_t item = -1;
        TRY(taf_verdict_finding_item(verdict, i, &item));
        TRY(taf_verdict_finding_text(verdict, i, TAF_FINDING_TEXT_CODE, code, sizeof code - 1, &code_len));
        TRY(taf_verdict_finding_text(verdict, i, TAF_FINDING_TEXT_MESSAGE, message, sizeof message - 1, &message_len));
        code[code_len] = '\0';
        message[message_len] = '\0';
        printf("  item %lld  %s  %s\n", (long long)item, code, message);
    }
    TRY(taf_verdict_exit_code(verdict, &exit_code));
    printf("exit code %u\n", (unsigned)exit_code);
    taf_verdict_free(verdict);
    taf_preflight_free(preflight);
    taf_lote_builder_free(builder);
    free(body);
    // The sample set includes a Reinf event, which only warns: success for this example.
    return exit_code == 2 ? 1 : 0;
}

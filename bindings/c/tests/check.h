// Minimal test harness shared by the C tests: CHECK counts, the summary prints
// "N passed, N failed" and gives the exit status.
#ifndef TAF_TEST_CHECK_H
#define TAF_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "taf.h"

static int checks_passed;
static int checks_failed;

#define CHECK(condition)                                                       \
    do {                                                                       \
        if (condition) {                                                       \
            checks_passed++;                                                   \
        } else {                                                               \
            checks_failed++;                                                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #condition);                                               \
        }                                                                      \
    } while (0)

// Checks that a call returned `expected`, printing the library's message otherwise.
#define CHECK_RESULT(call, expected)                                           \
    do {                                                                       \
        taf_result check_result_ = (call);                                     \
        if (check_result_ == (taf_result)(expected)) {                         \
            checks_passed++;                                                   \
        } else {                                                               \
            char check_message_[512];                                          \
            size_t check_len_ = 0;                                             \
            if (taf_error_message(check_result_, check_message_,               \
                                  sizeof check_message_ - 1,                   \
                                  &check_len_) != TAF_RESULT_OK) {             \
                check_len_ = 0;                                                \
            }                                                                  \
            check_message_[check_len_] = '\0';                                 \
            checks_failed++;                                                   \
            fprintf(stderr, "%s:%d: %s gave %u (%s), expected %s\n",           \
                    __FILE__, __LINE__, #call, (unsigned)check_result_,        \
                    check_message_, #expected);                                \
        }                                                                      \
    } while (0)

#define CHECK_OK(call) CHECK_RESULT(call, TAF_RESULT_OK)

// Whether `len` bytes at `data` equal the NUL-terminated `expected`.
static inline int same_text(const char *data, size_t len, const char *expected) {
    return len == strlen(expected) && memcmp(data, expected, len) == 0;
}

static inline int check_summary(const char *name) {
    printf("%s: %d passed, %d failed\n", name, checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif

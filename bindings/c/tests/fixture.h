// Emulator fixtures shared by the C tests: spec §11's branch set-up and the G-19 rows.
#ifndef TAF_TEST_FIXTURE_H
#define TAF_TEST_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "taf.h"

// Writes the tables JSON of `count` waiting TAFST2 rows of ticket `ticket` at RECNO
// `first`.. with keys K<recno>, branch B1, into `out` (`cap` bytes); returns its length.
static inline size_t waiting_rows_json(char *out, size_t cap, const char *ticket, int first, int count) {
    size_t len = (size_t)snprintf(out, cap, "{\"st2\":[");
    for (int i = 0; i < count && len < cap; i++) {
        int recno = first + i;
        len += (size_t)snprintf(
            out + len, cap - len,
            "%s{\"recno\":%d,\"branch\":\"B1\",\"message_type\":\"2\",\"sequential\":\"001\","
            "\"registry_type\":\"S-2220\",\"key\":\"K%d\",\"message\":[],\"status\":\"pending\","
            "\"ticket\":\"%s\",\"date\":\"20250610\",\"time\":\"14:30:00\",\"priority\":\"5\","
            "\"queue\":\"\",\"owner\":\"\",\"predecessor\":\"\",\"transfer_branch\":\"\","
            "\"complement\":\"\"}",
            i == 0 ? "" : ",", recno, recno, ticket);
    }
    if (len < cap) {
        len += (size_t)snprintf(out + len, cap - len,
                                "],\"xerp\":[],\"records\":[],\"last_st2_recno\":%d,"
                                "\"last_xerp_recno\":0,\"last_record_recno\":0}",
                                first + count - 1);
    }
    return len;
}

// An emulator with B1 in group G1 and B2 in G2 (spec §11), loaded with `tables` (or empty).
static inline taf_emulator *spec_emulator(const char *tables) {
    taf_emulator *emulator = NULL;
    if (taf_emulator_new(&emulator) != TAF_RESULT_OK ||
        taf_emulator_add_branch(emulator, "G1", 2, "B1", 2) != TAF_RESULT_OK ||
        taf_emulator_add_branch(emulator, "G2", 2, "B2", 2) != TAF_RESULT_OK ||
        (tables != NULL &&
         taf_emulator_load_tables_json(emulator, tables, strlen(tables)) != TAF_RESULT_OK)) {
        taf_emulator_free(emulator);
        return NULL;
    }
    return emulator;
}

#endif

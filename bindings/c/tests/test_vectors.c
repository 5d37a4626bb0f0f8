// Every case of tests/vectors/responses.json through the C decoders: the canonical JSON of the
// decoded reply equals the vector's, and the accessors agree with the kind of reply.
#include <stdlib.h>

#include "check.h"
#include "vectors.h"

// Decodes one vector with its method's decoder and writes the reply's canonical JSON.
static taf_result decode_to_json(const struct vector *v, char *json, size_t cap, size_t *len,
                                 taf_reply_kind *kind) {
    const uint8_t *body = (const uint8_t *)v->body;
    taf_result result;
    if (strcmp(v->method, "GET") == 0) {
        taf_get_page *page = NULL;
        result = taf_get_page_decode(v->status, body, v->body_len, &page);
        if (result == TAF_RESULT_OK) {
            result = taf_get_page_to_json(page, json, cap, len);
            CHECK_OK(taf_get_page_kind(page, kind));
        }
        taf_get_page_free(page);
    } else if (strcmp(v->method, "POST") == 0) {
        taf_post_response *post = NULL;
        result = taf_post_response_decode(v->status, body, v->body_len, &post);
        if (result == TAF_RESULT_OK) {
            result = taf_post_response_to_json(post, json, cap, len);
            CHECK_OK(taf_post_response_kind(post, kind));
        }
        taf_post_response_free(post);
    } else {
        taf_delete_response *deleted = NULL;
        result = taf_delete_response_decode(v->status, body, v->body_len, &deleted);
        if (result == TAF_RESULT_OK) {
            result = taf_delete_response_to_json(deleted, json, cap, len);
            CHECK_OK(taf_delete_response_kind(deleted, kind));
        }
        taf_delete_response_free(deleted);
    }
    return result;
}

static void every_vector_decodes_to_its_canonical_json(void) {
    static char json[1 << 16];
    for (size_t i = 0; i < VECTOR_COUNT; i++) {
        const struct vector *v = &VECTORS[i];
        size_t len = 0;
        taf_reply_kind kind = TAF_REPLY_KIND_BODY;
        CHECK_OK(decode_to_json(v, json, sizeof json, &len, &kind));
        if (!same_text(json, len, v->reply)) {
            fprintf(stderr, "%s: got   %.*s\n%s: wanted %s\n", v->id, (int)len, json, v->id,
                    v->reply);
            checks_failed++;
            continue;
        }
        checks_passed++;
        const char *expected_tag = kind == TAF_REPLY_KIND_BODY       ? "{\"body\":"
                                   : kind == TAF_REPLY_KIND_ENVELOPE ? "{\"envelope\":"
                                                                     : "{\"fault\":";
        CHECK(strncmp(v->reply, expected_tag, strlen(expected_tag)) == 0);
    }
}

// Finds a vector by id.
static const struct vector *vector(const char *id) {
    for (size_t i = 0; i < VECTOR_COUNT; i++) {
        if (strcmp(VECTORS[i].id, id) == 0) {
            return &VECTORS[i];
        }
    }
    fprintf(stderr, "no vector %s\n", id);
    exit(2);
}

// P-06: one accepted key; P-07: one key rejected with 802.
static void post_accessors(void) {
    const struct vector *v = vector("P-06");
    taf_post_response *post = NULL;
    CHECK_OK(taf_post_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &post));
    size_t count = 0, len = 0;
    bool accepted = false;
    char text[64];
    CHECK_OK(taf_post_response_key_count(post, &count));
    CHECK(count == 1);
    CHECK_OK(taf_post_response_ticket_code(post, text, sizeof text, &len));
    CHECK(same_text(text, len, "T1"));
    CHECK_OK(taf_post_response_key(post, 0, text, sizeof text, &len));
    CHECK(same_text(text, len, "K1"));
    CHECK_OK(taf_post_response_key_accepted(post, 0, &accepted));
    CHECK(accepted);
    uint32_t coderr = 0;
    CHECK_RESULT(taf_post_response_key_error_code(post, 0, &coderr), TAF_RESULT_ABSENT);
    CHECK_RESULT(taf_post_response_key(post, 1, text, sizeof text, &len), TAF_RESULT_OUT_OF_RANGE);
    int64_t code = 0;
    CHECK_RESULT(taf_post_response_error_code(post, &code), TAF_RESULT_INVALID_STATE);
    taf_post_response_free(post);

    v = vector("P-07");
    CHECK_OK(taf_post_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &post));
    CHECK_OK(taf_post_response_key_accepted(post, 0, &accepted));
    CHECK(!accepted);
    CHECK_OK(taf_post_response_key_error_code(post, 0, &coderr));
    CHECK(coderr == 802);
    taf_post_response_free(post);
}

// P-02 (811 envelope) and P-01 (fault 704), and a raw HTML fault without a code.
static void envelope_and_fault_accessors(void) {
    const struct vector *v = vector("P-02");
    taf_post_response *post = NULL;
    int64_t code = 0;
    size_t len = 0, count = 0;
    char text[256];
    CHECK_OK(taf_post_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &post));
    CHECK_OK(taf_post_response_error_code(post, &code));
    CHECK(code == 811);
    CHECK_OK(taf_post_response_error_message(post, text, sizeof text, &len));
    CHECK(len > 0 && strncmp(text, "N\xc3\xa3o foi", 8) == 0);
    CHECK_RESULT(taf_post_response_key_count(post, &count), TAF_RESULT_INVALID_STATE);
    taf_post_response_free(post);

    v = vector("P-01");
    CHECK_OK(taf_post_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &post));
    CHECK_OK(taf_post_response_error_code(post, &code));
    CHECK(code == 704);
    CHECK_OK(taf_post_response_error_message(post, text, sizeof text, &len));
    CHECK(same_text(text, len, "Arquivo vazio."));
    taf_post_response_free(post);

    v = vector("fault-html-401");
    CHECK_OK(taf_post_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &post));
    CHECK_RESULT(taf_post_response_error_code(post, &code), TAF_RESULT_ABSENT);
    taf_post_response_free(post);
}

// G-14 (processed), G-10 (waiting) and the cp1252 page.
static void page_and_item_accessors(void) {
    const char *ids[] = {"G-14", "get-cp1252"};
    for (size_t i = 0; i < 2; i++) {
        const struct vector *v = vector(ids[i]);
        taf_get_page *page = NULL;
        const taf_item *item = NULL;
        taf_item_kind kind = TAF_ITEM_KIND_NOT_FOUND;
        size_t count = 0, len = 0;
        int64_t last = 0, max = 0;
        bool is_last = false;
        char text[128];
        CHECK_OK(taf_get_page_decode(v->status, (const uint8_t *)v->body, v->body_len, &page));
        CHECK_OK(taf_get_page_item_count(page, &count));
        CHECK(count == 1);
        CHECK_OK(taf_get_page_last_rec_no(page, &last));
        CHECK_OK(taf_get_page_max_rec_no(page, &max));
        CHECK_OK(taf_get_page_is_last(page, &is_last));
        CHECK(last == 10 && max == 10 && is_last);
        CHECK_OK(taf_get_page_item(page, 0, &item));
        CHECK_OK(taf_item_get_kind(item, &kind));
        CHECK(kind == TAF_ITEM_KIND_PROCESSED);
        CHECK_OK(taf_item_id(item, text, sizeof text, &len));
        CHECK(same_text(text, len, "K1"));
        CHECK_OK(taf_item_status_code(item, text, sizeof text, &len));
        CHECK(same_text(text, len, "4"));
        CHECK_OK(taf_item_receipt(item, text, sizeof text, &len));
        CHECK(same_text(text, len, "1.2.0000000000000000001"));
        CHECK_RESULT(taf_item_error_code(item, text, sizeof text, &len), TAF_RESULT_ABSENT);
        CHECK_RESULT(taf_get_page_item(page, 1, &item), TAF_RESULT_OUT_OF_RANGE);
        taf_get_page_free(page);
    }

    const struct vector *v = vector("G-10");
    taf_get_page *page = NULL;
    const taf_item *item = NULL;
    taf_item_kind kind = TAF_ITEM_KIND_NOT_FOUND;
    taf_key_kind id_kind = TAF_KEY_KIND_TICKET_CODE;
    size_t len = 0;
    char text[64];
    CHECK_OK(taf_get_page_decode(v->status, (const uint8_t *)v->body, v->body_len, &page));
    CHECK_OK(taf_get_page_item(page, 0, &item));
    CHECK_OK(taf_item_get_kind(item, &kind));
    CHECK(kind == TAF_ITEM_KIND_PENDING);
    CHECK_OK(taf_item_id_kind(item, &id_kind));
    CHECK(id_kind == TAF_KEY_KIND_REGISTRY_KEY);
    CHECK_OK(taf_item_error_code(item, text, sizeof text, &len));
    CHECK(len == 0);
    CHECK_RESULT(taf_item_receipt(item, text, sizeof text, &len), TAF_RESULT_ABSENT);
    CHECK_OK(taf_item_description(item, text, sizeof text, &len));
    CHECK(same_text(text, len, "Aguardando Processamento"));
    taf_get_page_free(page);
}

// D-03, D-04 (envelope plus fragment) and the bare fragment.
static void delete_accessors(void) {
    taf_delete_response *deleted = NULL;
    bool success = false;
    int64_t code = 0;
    const struct vector *v = vector("D-03");
    CHECK_OK(taf_delete_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &deleted));
    CHECK_OK(taf_delete_response_success(deleted, &success));
    CHECK(success);
    taf_delete_response_free(deleted);

    v = vector("D-04");
    CHECK_OK(taf_delete_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &deleted));
    CHECK_OK(taf_delete_response_error_code(deleted, &code));
    CHECK(code == 803);
    CHECK_RESULT(taf_delete_response_success(deleted, &success), TAF_RESULT_INVALID_STATE);

    char text[256];
    size_t len = 0;
    CHECK_OK(taf_delete_response_error_message(deleted, text, sizeof text, &len));
    CHECK(same_text(text, len, "O valor do campo sourceBranch (TAFFIL)  n\xc3\xa3o est\xc3\xa1 cadastro no complemento de empresas."));
    taf_delete_response_free(deleted);

    v = vector("D-01");
    CHECK_OK(taf_delete_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &deleted));
    CHECK_OK(taf_delete_response_error_message(deleted, text, sizeof text, &len));
    CHECK(same_text(text, len, "Campo deleteTicket n\xc3\xa3o declarado na raiz do arquivo."));
    CHECK_OK(taf_delete_response_error_code(deleted, &code));
    CHECK(code == 704);
    CHECK_RESULT(taf_delete_response_error_message(deleted, text, 4, &len), TAF_RESULT_BUFFER_TOO_SMALL);
    taf_delete_response_free(deleted);

    v = vector("D-03");
    CHECK_OK(taf_delete_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &deleted));
    CHECK_RESULT(taf_delete_response_error_message(deleted, text, sizeof text, &len), TAF_RESULT_INVALID_STATE);
    taf_delete_response_free(deleted);

    v = vector("delete-bare-false");
    CHECK_OK(taf_delete_response_decode(v->status, (const uint8_t *)v->body, v->body_len, &deleted));
    CHECK_OK(taf_delete_response_success(deleted, &success));
    CHECK(!success);
    taf_delete_response_free(deleted);
}

// The searched key's kind, an item's canonical JSON (a part of the vector's), and a GET
// envelope (G-06) and fault (G-01) through the page's error accessors.
static void page_kinds_item_json_and_errors(void) {
    const struct vector *v = vector("G-25");
    taf_get_page *page = NULL;
    const taf_item *item = NULL;
    taf_key_kind kind = TAF_KEY_KIND_TICKET_CODE;
    int64_t code = 0;
    size_t len = 0;
    char text[2048];
    CHECK_OK(taf_get_page_decode(v->status, (const uint8_t *)v->body, v->body_len, &page));
    CHECK_OK(taf_get_page_search_kind(page, &kind));
    CHECK(kind == TAF_KEY_KIND_REGISTRY_KEY);
    CHECK_RESULT(taf_get_page_error_code(page, &code), TAF_RESULT_INVALID_STATE);
    CHECK_RESULT(taf_get_page_error_message(page, text, sizeof text, &len), TAF_RESULT_INVALID_STATE);
    for (size_t i = 0; i < 2; i++) {
        CHECK_OK(taf_get_page_item(page, i, &item));
        CHECK_OK(taf_item_to_json(item, text, sizeof text - 1, &len));
        text[len] = '\0';
        CHECK(len > 20 && strstr(v->reply, text) != NULL);
    }
    CHECK(strstr(text, "{\"variant\":\"pending\",\"description\":\"Registro Inconsistente.\",\"ticketCode\":\"T2\",") == text);
    CHECK_RESULT(taf_item_to_json(item, text, 8, &len), TAF_RESULT_BUFFER_TOO_SMALL);
    taf_get_page_free(page);

    v = vector("G-14");
    CHECK_OK(taf_get_page_decode(v->status, (const uint8_t *)v->body, v->body_len, &page));
    CHECK_OK(taf_get_page_search_kind(page, &kind));
    CHECK(kind == TAF_KEY_KIND_TICKET_CODE);
    taf_get_page_free(page);

    v = vector("G-06");
    CHECK_OK(taf_get_page_decode(v->status, (const uint8_t *)v->body, v->body_len, &page));
    CHECK_OK(taf_get_page_error_code(page, &code));
    CHECK(code == 803);
    CHECK_OK(taf_get_page_error_message(page, text, sizeof text, &len));
    CHECK(same_text(text, len, "O valor do campo sourceBranch (TAFFIL)  n\xc3\xa3o est\xc3\xa1 cadastro no complemento de empresas."));
    CHECK_RESULT(taf_get_page_search_kind(page, &kind), TAF_RESULT_INVALID_STATE);
    taf_get_page_free(page);

    v = vector("G-01");
    CHECK_OK(taf_get_page_decode(v->status, (const uint8_t *)v->body, v->body_len, &page));
    CHECK_OK(taf_get_page_error_code(page, &code));
    CHECK(code == 701);
    CHECK_OK(taf_get_page_error_message(page, text, sizeof text, &len));
    CHECK(same_text(text, len, "\xc3\x89 obrigat\xc3\xb3rio o envio do par\xc3\xa2metro startRecNo"));
    taf_get_page_free(page);
}

int main(void) {
    every_vector_decodes_to_its_canonical_json();
    post_accessors();
    envelope_and_fault_accessors();
    page_and_item_accessors();
    delete_accessors();
    page_kinds_item_json_and_errors();
    return check_summary("test_vectors");
}

// The Live session from C: the drive loop against a scripted fake connector (a key fetched
// first, a refused key renewed once, a second refusal giving up, a fault judged before the
// HTTP status), and the conventions (NULL, out-of-range operations, calls out of order).
#include <stdlib.h>

#include "check.h"

#define URL "http://live.example/LiveConnector/FacadeIntegracao.svc"
#define SATELLITE "220000251"
#define OBJECTS "http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects"
#define ENVELOPE_START                                                         \
    "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
#define ENVELOPE_END "</s:Body></s:Envelope>"

enum { OP_ACCESS_KEY = 0, OP_STATUS = 1, OP_STORES = 2, OP_CUSTOMERS = 3, OP_CONFIRM = 4 };

static const char KEY_ANSWER_NEW[] =
    ENVELOPE_START "<ObterChaveAcessoLC_IntegracaoResponse xmlns=\"http://LiveConnector/\">"
    "<ObterChaveAcessoLC_IntegracaoResult>new-key</ObterChaveAcessoLC_IntegracaoResult>"
    "</ObterChaveAcessoLC_IntegracaoResponse>" ENVELOPE_END;

static const char REFUSED[] =
    ENVELOPE_START "<s:Fault><faultcode>s:Client</faultcode>"
    "<faultstring>Chave de Acesso Inv\xc3\xa1lida</faultstring></s:Fault>" ENVELOPE_END;

static const char OTHER_FAULT[] =
    ENVELOPE_START "<s:Fault><faultcode>s:Server</faultcode>"
    "<faultstring>Erro interno</faultstring></s:Fault>" ENVELOPE_END;

static const char CUSTOMERS[] =
    ENVELOPE_START "<RecuperarClienteLC_IntegracaoResponse xmlns=\"http://LiveConnector/\">"
    "<RecuperarClienteLC_IntegracaoResult xmlns:a=\"" OBJECTS "\">"
    "<a:CodigoSistemaSatelite>" SATELLITE "</a:CodigoSistemaSatelite><a:Numero>77</a:Numero>"
    "</RecuperarClienteLC_IntegracaoResult></RecuperarClienteLC_IntegracaoResponse>" ENVELOPE_END;

// One scripted exchange: what the request's body must contain, and the answer.
typedef struct {
    const char *must_contain;
    uint16_t status;
    const char *body;
} exchange;

// Whether the request's body contains `needle`.
static int body_contains(const taf_http_request *request, const char *needle) {
    size_t len = 0;
    if (taf_http_request_body(request, NULL, 0, &len) != TAF_RESULT_BUFFER_TOO_SMALL &&
        len != 0) {
        return 0;
    }
    char *body = malloc(len + 1);
    if (body == NULL || taf_http_request_body(request, (uint8_t *)body, len, &len) != TAF_RESULT_OK) {
        free(body);
        return 0;
    }
    body[len] = '\0';
    int found = strstr(body, needle) != NULL;
    free(body);
    return found;
}

// Drives the started call through `script` (`count` exchanges); checks every request and
// that the session finishes right after the script.
static void drive(taf_live_session *session, const exchange *script, size_t count) {
    for (size_t i = 0; i <= count; i++) {
        taf_live_step step = TAF_LIVE_STEP_WAITING;
        taf_http_request *request = NULL;
        CHECK_OK(taf_live_session_poll(session, &step, &request));
        if (i == count) {
            CHECK(step == TAF_LIVE_STEP_FINISHED);
            CHECK(request == NULL);
            return;
        }
        CHECK(step == TAF_LIVE_STEP_SEND);
        if (step != TAF_LIVE_STEP_SEND) {
            return;
        }
        char url[128];
        size_t len = 0;
        CHECK_OK(taf_http_request_url(request, url, sizeof url, &len));
        CHECK(same_text(url, len, URL));
        CHECK(body_contains(request, script[i].must_contain));
        taf_http_request_free(request);
        // Polled again before the answer: nothing to do.
        CHECK_OK(taf_live_session_poll(session, &step, &request));
        CHECK(step == TAF_LIVE_STEP_WAITING && request == NULL);
        CHECK_OK(taf_live_session_answer(session, script[i].status,
                                         (const uint8_t *)script[i].body,
                                         strlen(script[i].body)));
    }
}

static taf_live_session *session_with(const char *key) {
    taf_live_session *session = NULL;
    CHECK_OK(taf_live_session_new(URL, strlen(URL), SATELLITE, strlen(SATELLITE), "ana", 3,
                                  "pw", 2, key, key == NULL ? 0 : strlen(key), &session));
    return session;
}

static void a_refused_key_is_renewed_once(void) {
    taf_live_session *session = session_with("old-key");
    CHECK_OK(taf_live_session_start(session, OP_CUSTOMERS, NULL, 0, false));
    const exchange script[] = {
        {"<ren1:Chave>old-key</ren1:Chave>", 500, REFUSED},
        {"<Senha>pw</Senha>", 200, KEY_ANSWER_NEW},
        {"<ren1:Chave>new-key</ren1:Chave>", 200, CUSTOMERS},
    };
    drive(session, script, 3);
    CHECK_OK(taf_live_session_result(session));
    char text[256];
    size_t len = 0;
    CHECK_OK(taf_live_session_output(session, text, sizeof text - 1, &len));
    text[len] = '\0';
    CHECK(strstr(text, "\"numero\":\"77\"") != NULL);
    bool renewed = false;
    CHECK_OK(taf_live_session_renewed(session, &renewed));
    CHECK(renewed);
    CHECK_OK(taf_live_session_key(session, text, sizeof text, &len));
    CHECK(same_text(text, len, "new-key"));
    taf_live_session_free(session);
}

static void a_second_refusal_gives_up(void) {
    taf_live_session *session = session_with("old-key");
    CHECK_OK(taf_live_session_start(session, OP_STATUS, "0191211140546677", 16, false));
    const exchange script[] = {
        {"<ren1:NumeroTicket>0191211140546677</ren1:NumeroTicket>", 500, REFUSED},
        {"<PersisteChave>true</PersisteChave>", 200, KEY_ANSWER_NEW},
        {"<ren1:Chave>new-key</ren1:Chave>", 500, REFUSED},
    };
    drive(session, script, 3);
    CHECK_RESULT(taf_live_session_result(session), TAF_RESULT_INVALID_ACCESS_KEY);
    size_t len = 0;
    CHECK_RESULT(taf_live_session_output(session, NULL, 0, &len), TAF_RESULT_INVALID_ACCESS_KEY);
    CHECK_RESULT(taf_live_session_key(session, NULL, 0, &len), TAF_RESULT_ABSENT);
    taf_live_session_free(session);
}

static void without_a_key_one_is_fetched_first(void) {
    taf_live_session *session = session_with(NULL);
    CHECK_OK(taf_live_session_start(session, OP_STORES, NULL, 0, true));
    const exchange script[] = {
        {"<Usuario>ana</Usuario>", 200, KEY_ANSWER_NEW},
        {"<liv:retornaTodasLojas>true</liv:retornaTodasLojas>", 200, OTHER_FAULT},
    };
    drive(session, script, 2);
    // A fault in a 200 answer is a fault, not a success.
    CHECK_RESULT(taf_live_session_result(session), TAF_RESULT_LIVE_FAULT);
    char text[128];
    size_t len = 0;
    CHECK_OK(taf_live_session_key(session, text, sizeof text, &len));
    CHECK(same_text(text, len, "new-key"));

    // The key call gives the key itself.
    CHECK_OK(taf_live_session_start(session, OP_ACCESS_KEY, NULL, 0, false));
    const exchange key_script[] = {{"ObterChaveAcessoLC_Integracao", 200, KEY_ANSWER_NEW}};
    drive(session, key_script, 1);
    CHECK_OK(taf_live_session_output(session, text, sizeof text, &len));
    CHECK(same_text(text, len, "new-key"));
    taf_live_session_free(session);
}

static void an_http_failure_without_a_fault(void) {
    taf_live_session *session = NULL;
    CHECK_OK(taf_live_session_new(URL, strlen(URL), SATELLITE, strlen(SATELLITE), NULL, 0, NULL,
                                  0, "k", 1, &session));
    CHECK_OK(taf_live_session_start(session, OP_CONFIRM, "77", 2, false));
    const exchange script[] = {
        {"<ren1:SituacaoTicketSaida>EnvioConfirmado</ren1:SituacaoTicketSaida>", 502,
         "<html>Bad gateway</html>"},
    };
    drive(session, script, 1);
    CHECK_RESULT(taf_live_session_result(session), TAF_RESULT_LIVE_FAULT);
    char message[256];
    size_t len = 0;
    CHECK_OK(taf_error_message(TAF_RESULT_LIVE_FAULT, message, sizeof message - 1, &len));
    message[len] = '\0';
    CHECK(strstr(message, "HTTP 502") != NULL);

    // Ticket "0" is never sent: the call ends at once.
    CHECK_OK(taf_live_session_start(session, OP_CONFIRM, "0", 1, false));
    drive(session, NULL, 0);
    CHECK_RESULT(taf_live_session_result(session), TAF_RESULT_INVALID_ARGUMENT);
    taf_live_session_free(session);
}

static void conventions(void) {
    taf_live_session *session = NULL;
    taf_live_step step = TAF_LIVE_STEP_SEND;
    taf_http_request *request = NULL;
    bool flag = false;
    size_t len = 0;
    taf_live_session_free(NULL);
    CHECK_RESULT(taf_live_session_new(URL, strlen(URL), SATELLITE, 9, NULL, 0, NULL, 0, NULL, 0,
                                      NULL),
                 TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_live_session_new(NULL, 3, SATELLITE, 9, NULL, 0, NULL, 0, NULL, 0, &session),
                 TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_live_session_new(URL, strlen(URL), "\xff", 1, NULL, 0, NULL, 0, NULL, 0,
                                      &session),
                 TAF_RESULT_INVALID_UTF8);
    CHECK_OK(taf_live_session_new(URL, strlen(URL), SATELLITE, 9, NULL, 0, NULL, 0, NULL, 0,
                                  &session));
    CHECK_RESULT(taf_live_session_start(NULL, OP_STATUS, NULL, 0, false), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_live_session_start(session, 5, NULL, 0, false), TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_session_start(session, 99, NULL, 0, false), TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_session_poll(session, NULL, &request), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_live_session_poll(session, &step, NULL), TAF_RESULT_NULL_ARGUMENT);
    // No call started: nothing to do, nothing finished, no answer expected.
    CHECK_OK(taf_live_session_poll(session, &step, &request));
    CHECK(step == TAF_LIVE_STEP_WAITING && request == NULL);
    CHECK_RESULT(taf_live_session_result(session), TAF_RESULT_INVALID_STATE);
    CHECK_RESULT(taf_live_session_renewed(session, &flag), TAF_RESULT_INVALID_STATE);
    CHECK_RESULT(taf_live_session_output(session, NULL, 0, &len), TAF_RESULT_INVALID_STATE);
    CHECK_RESULT(taf_live_session_answer(session, 200, (const uint8_t *)"x", 1),
                 TAF_RESULT_INVALID_STATE);
    // No key and no login: the call ends without a request.
    CHECK_OK(taf_live_session_start(session, OP_CUSTOMERS, NULL, 0, false));
    drive(session, NULL, 0);
    CHECK_RESULT(taf_live_session_result(session), TAF_RESULT_INVALID_STATE);
    CHECK_RESULT(taf_live_session_renewed(session, NULL), TAF_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(taf_live_session_key(NULL, NULL, 0, &len), TAF_RESULT_NULL_ARGUMENT);
    taf_live_session_free(session);
}

int main(void) {
    a_refused_key_is_renewed_once();
    a_second_refusal_gives_up();
    without_a_key_one_is_fetched_first();
    an_http_failure_without_a_fault();
    conventions();
    return check_summary("test_live_session");
}

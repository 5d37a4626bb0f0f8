// The capsule contract from C with every choice (`taf_live_capsule_with`): what the stores
// capsule's encontrouRegistros means, the status capsule's processStatus policy, the numeric
// rendering, and the refusal of numbers that are not values of their enums.
#include "check.h"

#define ENVELOPE_START                                                         \
    "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
#define ENVELOPE_END "</s:Body></s:Envelope>"

static char text[4096];

// A stores answer with a ticket number and no store.
static const char STORES_NO_STORE[] =
    ENVELOPE_START "<RecuperarLojasLC_Integracao_XmlResponse xmlns=\"http://LiveConnector/\">"
    "<RecuperarLojasLC_Integracao_XmlResult>&lt;T&gt;&lt;Numero&gt;12&lt;/Numero&gt;"
    "&lt;Data&gt;01062019&lt;/Data&gt;&lt;/T&gt;</RecuperarLojasLC_Integracao_XmlResult>"
    "</RecuperarLojasLC_Integracao_XmlResponse>" ENVELOPE_END;

// A status answer with one processed item whose detail is not blank.
static const char STATUS_PROCESSED_WITH_DETAIL[] =
    ENVELOPE_START "<ConsultarStatusTicketLC_IntegracaoResponse xmlns=\"http://LiveConnector/\">"
    "<ConsultarStatusTicketLC_IntegracaoResult xmlns:a=\"http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects\">"
    "<a:I><a:DetalheSituacao>aviso</a:DetalheSituacao><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:I>"
    "</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse>" ENVELOPE_END;

// A status answer without any item.
static const char STATUS_EMPTY[] =
    ENVELOPE_START "<ConsultarStatusTicketLC_IntegracaoResponse xmlns=\"http://LiveConnector/\">"
    "<ConsultarStatusTicketLC_IntegracaoResult/></ConsultarStatusTicketLC_IntegracaoResponse>" ENVELOPE_END;

static const char STORES_INPUT[] =
    "{\"retornaTodasLojas\":\"true\",\"chaveAcesso\":\"k\",\"codigoSistemaSatelite\":\"1\"}";
static const char STATUS_INPUT[] =
    "{\"chaveAcesso\":\"k\",\"codigoSistemaSatelite\":\"1\",\"numeroTicket\":\"0191211140546677\"}";

// Runs the status capsule on `answer` with the policy and checks the processStatus written.
static void check_status(const char *answer, bool detail_is_error, uint32_t empty, const char *expected) {
    size_t len = 0;
    CHECK_OK(taf_live_capsule_with(TAF_LIVE_OPERATION_STATUS, STATUS_INPUT, strlen(STATUS_INPUT), 200,
                                   (const uint8_t *)answer, strlen(answer), 0, false,
                                   TAF_STORES_FOUND_TICKET, detail_is_error, empty, text, sizeof text, &len));
    text[len] = '\0';
    CHECK(strstr(text, expected) != NULL);
}

static void stores_found(void) {
    size_t len = 0;
    const uint8_t *body = (const uint8_t *)STORES_NO_STORE;
    // The default reading (ticket): a ticket number without stores is found; the same
    // answer through taf_live_capsule gives the same document.
    CHECK_OK(taf_live_capsule_with(TAF_LIVE_OPERATION_STORES, STORES_INPUT, strlen(STORES_INPUT), 200, body,
                                   strlen(STORES_NO_STORE), 0, false, TAF_STORES_FOUND_TICKET, true,
                                   TAF_PROCESS_STATUS_ERROR, text, sizeof text, &len));
    const char *found = "{\"encontrouRegistros\":true,\"status\":200,\"data\":\"01062019\",\"hora\":null,"
                        "\"codigoSistemaSatelite\":null,\"numeroTicketSaida\":\"12\",\"lojas\":[]}";
    CHECK(same_text(text, len, found));
    CHECK_OK(taf_live_capsule(TAF_LIVE_OPERATION_STORES, STORES_INPUT, strlen(STORES_INPUT), 200, body,
                              strlen(STORES_NO_STORE), 0, false, text, sizeof text, &len));
    CHECK(same_text(text, len, found));
    // Documents: no store is not found; numeric renders the digits as numbers.
    CHECK_OK(taf_live_capsule_with(TAF_LIVE_OPERATION_STORES, STORES_INPUT, strlen(STORES_INPUT), 200, body,
                                   strlen(STORES_NO_STORE), 0, true, TAF_STORES_FOUND_DOCUMENTS, true,
                                   TAF_PROCESS_STATUS_ERROR, text, sizeof text, &len));
    CHECK(same_text(text, len,
                    "{\"encontrouRegistros\":false,\"status\":200,\"data\":1062019,\"hora\":null,"
                    "\"codigoSistemaSatelite\":null,\"numeroTicketSaida\":12,\"lojas\":[]}"));
    // 2 is not a taf_stores_found value.
    CHECK_RESULT(taf_live_capsule_with(TAF_LIVE_OPERATION_STORES, STORES_INPUT, strlen(STORES_INPUT), 200, body,
                                       strlen(STORES_NO_STORE), 0, false, 2, true, TAF_PROCESS_STATUS_ERROR,
                                       text, sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
}

static void status_policy(void) {
    size_t len = 0;
    // A processed item with a detail: an error when a detail counts, a success otherwise.
    check_status(STATUS_PROCESSED_WITH_DETAIL, true, TAF_PROCESS_STATUS_ERROR, "\"processStatus\":\"ERROR\"");
    check_status(STATUS_PROCESSED_WITH_DETAIL, false, TAF_PROCESS_STATUS_ERROR, "\"processStatus\":\"SUCCESS\"");
    // No item: the empty policy decides.
    check_status(STATUS_EMPTY, true, TAF_PROCESS_STATUS_ERROR, "\"processStatus\":\"ERROR\"");
    check_status(STATUS_EMPTY, true, TAF_PROCESS_STATUS_PROCESSING, "\"processStatus\":\"PROCESSING\"");
    check_status(STATUS_EMPTY, true, TAF_PROCESS_STATUS_SUCCESS, "\"processStatus\":\"SUCCESS\"");
    // 3 is not a taf_process_status value; access keys have no capsule.
    CHECK_RESULT(taf_live_capsule_with(TAF_LIVE_OPERATION_STATUS, STATUS_INPUT, strlen(STATUS_INPUT), 200,
                                       (const uint8_t *)STATUS_EMPTY, strlen(STATUS_EMPTY), 0, false,
                                       TAF_STORES_FOUND_TICKET, true, 3, text, sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
    CHECK_RESULT(taf_live_capsule_with(TAF_LIVE_OPERATION_ACCESS_KEY, STATUS_INPUT, strlen(STATUS_INPUT), 200,
                                       (const uint8_t *)STATUS_EMPTY, strlen(STATUS_EMPTY), 0, false,
                                       TAF_STORES_FOUND_TICKET, true, TAF_PROCESS_STATUS_ERROR, text,
                                       sizeof text, &len),
                 TAF_RESULT_INVALID_ARGUMENT);
}

int main(void) {
    stores_found();
    status_policy();
    return check_summary("test_live_capsule");
}

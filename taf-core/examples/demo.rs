//! Builds a real POST lote from the sample eSocial events and decodes sample server answers.
//!
//! Run with `cargo run -p taf-core --example demo` (or `make demo`). Nothing goes over the
//! network: the answers below are the real server's layouts from the WSTAFST2 specification.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use taf_core::catalog::{LoteField, RecordStatus};
use taf_core::{
    DeleteRequest, GetPage, GetQuery, Item, LoteItem, PostRequest, PostResponse, Reply, Wire,
};

const EVENTS: [(&str, &str, &[u8]); 4] = [
    (
        "S-1010",
        "ID1112223330000002025061014300000001",
        include_bytes!("../../tests/fixtures/events/s1010.xml"),
    ),
    (
        "S-2220",
        "ID1112223330000002025061014300500002",
        include_bytes!("../../tests/fixtures/events/s2220.xml"),
    ),
    (
        "S-3000",
        "ID1112223330000002025061509000000004",
        include_bytes!("../../tests/fixtures/events/s3000.xml"),
    ),
    (
        "T005",
        "UN",
        include_bytes!("../../tests/fixtures/events/t005.txt"),
    ),
];

/// The answer the real server gives when every item is accepted (spec §3.6 layout).
const POST_ANSWER: &str = r#"{"ticketCode" : "DEMO-0001","registryKey" : [{"key" : "ID1112223330000002025061014300000001","success" : true},{"key" : "ID1112223330000002025061014300500002","success" : true},{"key" : "ID1112223330000002025061509000000004","success" : true},{"key" : "UN","success" : true}], "keyAmount" : 4 }"#;

/// A page of the same ticket later on: one authorized, one waiting, one rejected by TAF.
const GET_ANSWER: &str = r#"{ "type" : "ticketCode","code" : "DEMO-0001","items" : [{ "success" : true ,"proccessed" : true ,"description" : "Registro Processado.","registryKey" : "ID1112223330000002025061014300000001","statusCode" : "4","statusDescription" : "Registro Transmitido Válido.","active" : true,"receiptNumber" : "1.2.0000000000123456789  ","streamingErrors" : [],"xmlRetResponse" : ""},{ "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "ID1112223330000002025061014300500002","errorCode" : "","errorDescription" : "","errorDetail" : "","registryPriority" : "","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""},{ "success" : true ,"proccessed" : false ,"description" : "Registro Inconsistente." ,"registryKey" : "UN","errorCode" : "000001","errorDescription" : "Erro de estrutura","errorDetail" : "Linha 1\ncampo invalido","registryPriority" : "5","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}],"lastRecNo" : 12,"maxRecNo" : 13}"#;

/// The 803 envelope the server sends with HTTP 200 for an unknown branch.
const ENVELOPE: &str = r#"{"coderr" : 803,"description" : "O valor do campo sourceBranch (TAFFIL)  não está cadastro no complemento de empresas."}"#;

fn main() -> Result<(), taf_core::DecodeError> {
    let lote: Vec<LoteItem> = EVENTS
        .iter()
        .map(|&(registry_type, key, event)| {
            let message_type = if registry_type.starts_with('T') {
                "1"
            } else {
                "2"
            };
            LoteItem::new(
                "0100",
                message_type,
                "001",
                registry_type,
                key,
                STANDARD.encode(event),
            )
            .with(LoteField::RegistryPriority, "3")
        })
        .collect();
    let request = PostRequest {
        ticket_code: "DEMO-0001".into(),
        lote,
    };
    let body = request.encode();
    println!(
        "POST /rest/WSTAFST2: {} items, {} bytes",
        request.lote.len(),
        body.len()
    );
    println!("  {}…", body.chars().take(150).collect::<String>());

    let reply = Reply::<PostResponse>::decode(200, POST_ANSWER.as_bytes())?;
    if let Reply::Body(response) = &reply {
        println!(
            "POST answer: ticket {}, {} of {} keys accepted",
            response.ticket_code,
            response.accepted().count(),
            response.key_amount()
        );
    }

    let query = GetQuery::by_ticket("DEMO-0001")
        .branch("0100")
        .lot_quantity(500);
    println!("GET /rest/WSTAFST2?{}", query.to_query_string());
    if let Reply::Body(page) = Reply::<GetPage>::decode(200, GET_ANSWER.as_bytes())? {
        for item in &page.items {
            println!("  {:<38} {}", item.id().value(), describe(item));
        }
        let next = if page.is_last() {
            "last page".to_owned()
        } else {
            format!("next page from startRecNo={}", page.last_rec_no + 1)
        };
        println!(
            "  lastRecNo {} of maxRecNo {}: {next}",
            page.last_rec_no, page.max_rec_no
        );
    }

    if let Reply::Envelope(entry) = Reply::<GetPage>::decode(200, ENVELOPE.as_bytes())? {
        println!(
            "GET with an unknown branch: HTTP 200 envelope {}: {}",
            entry.code, entry.description
        );
    }

    let delete = DeleteRequest::new(["DEMO-0001"]);
    println!("DELETE /rest/WSTAFST2 {}", delete.encode());
    Ok(())
}

fn describe(item: &Item) -> String {
    match item {
        Item::Processed(item) => format!(
            "processed: {}, receipt {}",
            item.status()
                .map_or("status not positioned", RecordStatus::description),
            item.receipt().unwrap_or("-")
        ),
        Item::Pending(item) if item.is_waiting() => "waiting for the integration job".to_owned(),
        Item::Pending(item) => match item.error() {
            Some(error) => format!(
                "TAF error {error}: {} ({:?})",
                error.meaning(),
                error.disposition()
            ),
            None => format!("not processed: {}", item.description.trim()),
        },
        Item::NotFound(_) => "not found".to_owned(),
    }
}

//! The client drive loop against an in-memory server: build the GET with an `Endpoint`, let
//! the `StatusPolicy` decide on each answer, feed pages to the `Paginator`, drain its events.
//! The "network" is a function; the clock is virtual. Run with
//! `cargo run -p taf-core --example drive_loop`.

use std::time::{Duration, SystemTime};

use taf_core::catalog::FaultCode;
use taf_core::{
    Action, Attempt, Fault, GetPage, GetQuery, PageCutter, PageEvent, Paginator, Row, StatusPolicy,
    Wire,
};
use taf_core::{Credentials, Endpoint, HttpRequest, HttpResponse};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The server's rows: five records of ticket T1, taken from a page as the server wrote it.
    let listing = GetPage::decode(
        br#"{ "type" : "ticketCode","code" : "T1","items" : [
        { "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "K1"},
        { "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "K2"},
        { "success" : true ,"proccessed" : true ,"description" : "Registro Processado.","registryKey" : "K3","statusCode" : "4","active" : true,"receiptNumber" : "1.2.3"},
        { "success" : true ,"proccessed" : false ,"description" : "Registro Inconsistente." ,"registryKey" : "K4","errorCode" : "000009"},
        { "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,"registryKey" : "K5"}
        ],"lastRecNo" : 14,"maxRecNo" : 14}"#,
    )?;
    let rows: Vec<Row> = (10..)
        .zip(listing.items)
        .map(|(n, item)| Row::new(n, item))
        .collect();
    let mut cutter = PageCutter::new();
    let mut first_request = true;
    // The "network": the first request meets a temporary fault 702, the rest get pages.
    let mut send = |request: &HttpRequest| -> HttpResponse {
        if std::mem::take(&mut first_request) {
            let fault = Fault::classic(
                FaultCode::TableUnavailable,
                "Erro na Criacao/Abertura da tabela TAFST2.",
            );
            return HttpResponse::new(500, fault.encode_body());
        }
        let query = GetQuery::from_query_string(request.query()).unwrap_or_default();
        match cutter.cut(&query, &rows) {
            Ok(page) => HttpResponse::new(200, page.encode()),
            Err(fault) => HttpResponse::new(500, fault.encode_body()),
        }
    };

    let endpoint = Endpoint::new("http://taf.example:8080")?
        .with_credentials(Credentials::basic("usertotvs", "secret"));
    let policy = StatusPolicy::default();
    let mut now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let mut pager = Paginator::new(GetQuery::by_ticket("T1").branch("01").lot_quantity(2))?;

    while let Some(query) = pager.next_query() {
        let mut attempt = Attempt::first(now, 42);
        let page = loop {
            let request = endpoint.get(&query);
            println!("{} {}", request.method.as_str(), request.url);
            let response = send(&request);
            match policy.decide(
                response.reply::<GetPage>()?,
                response.retry_after(now),
                attempt,
            ) {
                Action::Done(page) => break page,
                Action::Retry { delay, at, cause } => {
                    println!("  retry in {delay:?}: {cause}");
                    now = at; // a real client sleeps here
                }
                Action::Reauthenticate(cause) => {
                    return Err(format!("log in again: {cause}").into());
                }
                Action::Fail(error) => return Err(error.into()),
            }
            attempt = attempt.next(now, 42);
        };
        pager.handle_page(page)?;
        while let Some(event) = pager.poll_event() {
            match event {
                PageEvent::Item(item) => println!("  {} {}", item.id().value(), item.description()),
                PageEvent::Duplicate(copies) => {
                    println!("  {} extra copies of {}", copies.count(), copies.id.value());
                }
                PageEvent::NotFound(_) => println!("  nothing found"),
            }
        }
    }
    let cursor = pager.cursor();
    println!("{} records in {} pages", cursor.records(), cursor.pages());
    Ok(())
}

//! SOAP status response parsing: a `ConsultarStatusTicketLC_Integracao` answer with 1,000
//! items, parsed by live-core (namespace-aware, every item, `processStatus`) beside a plain
//! quick-xml scan that collects every status and detail text by tag name only (no namespaces,
//! no nil handling), and memcpy.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use live_core::{Parser, ProcessStatusPolicy, process_status};
use quick_xml::Reader;
use quick_xml::events::Event;

fn response(items: usize) -> String {
    let mut body = String::new();
    for index in 0..items {
        let detail = if index % 7 == 0 {
            "<a:DetalheSituacao>Produto n\u{e3}o cadastrado &amp; sem pre\u{e7}o</a:DetalheSituacao>".to_owned()
        } else {
            "<a:DetalheSituacao i:nil=\"true\"/>".to_owned()
        };
        let _ = write!(
            body,
            "<a:LC_StatusTicket>{detail}<a:NumeroSequencia>{index}</a:NumeroSequencia><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:LC_StatusTicket>"
        );
    }
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/"><ConsultarStatusTicketLC_IntegracaoResult xmlns:a="http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">{body}</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>"#
    )
}

/// Every `SituacaoProcessamento` and `DetalheSituacao` text, by tag name only.
fn plain_statuses(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut found = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                inside = matches!(
                    start.local_name().into_inner(),
                    "SituacaoProcessamento" | "DetalheSituacao"
                );
            }
            Ok(Event::Text(text)) if inside => found.push(text.xml10_content().into_owned()),
            Ok(Event::End(_)) => inside = false,
            Ok(Event::Eof) | Err(_) => return found,
            _ => {}
        }
    }
}

fn status_parse(c: &mut Criterion) {
    let xml = response(1_000);
    let parser = Parser::default();
    let mut group = c.benchmark_group("status_parse");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function("live-core every item + processStatus", |b| {
        b.iter(|| {
            let items = parser.status(black_box(xml.as_bytes())).unwrap_or_default();
            black_box(process_status(&items, ProcessStatusPolicy::default()))
        });
    });
    group.bench_function("plain quick-xml by tag name", |b| {
        b.iter(|| black_box(plain_statuses(black_box(&xml))));
    });
    group.bench_function("memcpy", |b| b.iter(|| black_box(xml.as_bytes().to_vec())));
    group.finish();
}

criterion_group!(benches, status_parse);
criterion_main!(benches);

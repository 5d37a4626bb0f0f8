//! `taf live` against a fake Totvs Live connector: a loopback listener in the test that answers
//! canned SOAP envelopes by `SOAPAction`, and refuses the key of the first status call.

mod support;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::{Value, json};
use support::{code, stderr, stdout, taf};

const SATELLITE: &str = "220000251";
const USER: &str = "integrador";
const PASSWORD: &str = "s3cret-pw";
/// A key the fake connector always refuses.
const STALE_KEY: &str = "dead0000-0000-0000-0000-000000000000";
/// Inbound tickets with canned status items.
const DONE: &str = "0191211140546677";
const WAITING: &str = "0191211140546678";
const FAILED: &str = "0191211140546679";
const NOTED: &str = "0191211140546680";
const EMPTY: &str = "0191211140546681";
/// The outbound tickets of the stores and the customers.
const STORES_TICKET: &str = "000000000123";
const CUSTOMERS_TICKET: &str = "000000000124";

const OBJECTS: &str =
    "http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The `n`th key the fake connector issues.
fn key(n: usize) -> String {
    format!("00000000-0000-0000-0000-{n:012}")
}

/// What the fake connector received and issued.
#[derive(Default)]
struct State {
    /// Every request: operation and body.
    seen: Vec<(String, String)>,
    /// Keys issued.
    keys: usize,
    /// Status calls answered.
    status_calls: usize,
}

/// A fake connector on a free loopback port; its thread ends with the test process.
struct FakeLive {
    url: String,
    state: Arc<Mutex<State>>,
}

impl FakeLive {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let url = format!(
            "http://{}/PracticoLive/LiveConnector/FacadeIntegracao.svc",
            listener.local_addr().expect("an address")
        );
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = exchange(stream, &shared);
            }
        });
        Self { url, state }
    }

    /// Runs `taf live ARGS --url URL --satellite SATELLITE` with the password in the
    /// environment.
    fn run(&self, args: &[&str]) -> Output {
        run_at(&self.url, args)
    }

    /// The operations received, in order.
    fn operations(&self) -> Vec<String> {
        self.seen()
            .into_iter()
            .map(|(operation, _)| operation)
            .collect()
    }

    /// The requests received, in order.
    fn seen(&self) -> Vec<(String, String)> {
        self.state.lock().expect("state").seen.clone()
    }
}

fn run_at(url: &str, args: &[&str]) -> Output {
    taf()
        .env("LIVE_PASSWORD", PASSWORD)
        .arg("live")
        .args(args)
        .args(["--url", url, "--satellite", SATELLITE])
        .output()
        .expect("taf runs")
}

/// Reads one request (headers, then a `Content-Length` body) and answers it.
fn exchange(stream: TcpStream, state: &Mutex<State>) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let (mut action, mut length) = (String::new(), 0);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            match name.to_ascii_lowercase().as_str() {
                "soapaction" => {
                    let value = value.trim().trim_matches('"');
                    value
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .clone_into(&mut action);
                }
                "content-length" => length = value.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body = String::from_utf8_lossy(&body).into_owned();
    let (status, reply) = answer(&action, &body, state);
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{reply}",
        reply.len()
    )
}

const OK: &str = "200 OK";

/// The canned answer to `operation`.
fn answer(operation: &str, body: &str, state: &Mutex<State>) -> (&'static str, String) {
    let mut state = state.lock().expect("state");
    state.seen.push((operation.to_owned(), body.to_owned()));
    match operation {
        "ObterChaveAcessoLC_Integracao" => {
            if !body.contains(&format!("<Senha>{PASSWORD}</Senha>")) {
                return fault("Usuário ou senha inválidos.");
            }
            state.keys += 1;
            (OK, response(operation, &key(state.keys)))
        }
        "ConsultarStatusTicketLC_Integracao" => {
            state.status_calls += 1;
            if state.status_calls == 1 || body.contains(STALE_KEY) {
                return fault("Chave de Acesso Inválida.");
            }
            let items = if body.contains(DONE) {
                item("1", "Processado", None) + &item("2", "Processado", Some(""))
            } else if body.contains(WAITING) {
                item("1", "Processado", None) + &item("2", "AguardandoProcessamento", None)
            } else if body.contains(FAILED) {
                item("1", "ComErro", Some("CNPJ inválido"))
            } else if body.contains(NOTED) {
                item("1", "Processado", Some("Processado com ressalvas"))
            } else {
                String::new()
            };
            (OK, response(operation, &items))
        }
        "RecuperarLojasLC_Integracao_Xml" => {
            let document = format!(
                "<?xml version=\"1.0\"?><LC_TicketLoja>\
                 <CodigoSistemaSatelite>{SATELLITE}</CodigoSistemaSatelite><Data>20190530</Data>\
                 <Documentos>\
                 <LC_Loja><Codigo>0001</Codigo><Nome>Loja Centro &amp; Sul</Nome><Ativa>true</Ativa></LC_Loja>\
                 <LC_Loja><Codigo>0002</Codigo><Nome>Loja Norte</Nome><Ativa>false</Ativa></LC_Loja>\
                 </Documentos><Hora>191120</Hora><Numero>{STORES_TICKET}</Numero></LC_TicketLoja>"
            );
            let escaped = document
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            (OK, response(operation, &escaped))
        }
        "RecuperarClienteLC_Integracao" => {
            let ticket = format!(
                "<a:CodigoSistemaSatelite>{SATELLITE}</a:CodigoSistemaSatelite>\
                 <a:Data>20190530</a:Data><a:Documentos/><a:Hora>160400</a:Hora>\
                 <a:Numero>{CUSTOMERS_TICKET}</a:Numero>"
            );
            (OK, response(operation, &ticket))
        }
        "ConfirmarTicketLC_Integracao" if body.contains(STORES_TICKET) => (
            OK,
            envelope(&format!(
                "<{operation}Response xmlns=\"http://LiveConnector/\"/>"
            )),
        ),
        "ConfirmarTicketLC_Integracao" => fault("Ticket não encontrado."),
        _ => ("400 Bad Request", "unknown SOAPAction".to_owned()),
    }
}

fn envelope(body: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{body}\
         </s:Body></s:Envelope>"
    )
}

/// `<OperationResponse><OperationResult>result</…></…>`, as WCF writes them.
fn response(operation: &str, result: &str) -> String {
    envelope(&format!(
        "<{operation}Response xmlns=\"http://LiveConnector/\"><{operation}Result \
         xmlns:a=\"{OBJECTS}\" xmlns:i=\"{XSI}\">{result}</{operation}Result></{operation}Response>"
    ))
}

/// A WCF fault, with HTTP 500.
fn fault(text: &str) -> (&'static str, String) {
    let fault = format!(
        "<s:Fault><faultcode xmlns:a=\"http://schemas.microsoft.com/net/2005/12/\
         windowscommunicationfoundation/dispatcher\">a:InternalServiceFault</faultcode>\
         <faultstring xml:lang=\"pt-BR\">{text}</faultstring></s:Fault>"
    );
    ("500 Internal Server Error", envelope(&fault))
}

/// One status item; `None` detail is `i:nil`.
fn item(sequence: &str, status: &str, detail: Option<&str>) -> String {
    let detail = detail.map_or_else(
        || "<a:DetalheSituacao i:nil=\"true\"/>".to_owned(),
        |text| format!("<a:DetalheSituacao>{text}</a:DetalheSituacao>"),
    );
    format!(
        "<a:LC_StatusTicket>{detail}<a:NumeroSequencia>{sequence}</a:NumeroSequencia>\
         <a:SituacaoProcessamento>{status}</a:SituacaoProcessamento></a:LC_StatusTicket>"
    )
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}{}", stdout(output), stderr(output)))
}

#[test]
fn key_prints_a_new_access_key_and_never_the_password() {
    let live = FakeLive::start();
    let out = live.run(&["key", "--user", USER]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}\n", key(1)));
    assert!(!stdout(&out).contains(PASSWORD) && !stderr(&out).contains(PASSWORD));

    let as_json = live.run(&["key", "--user", USER, "--json"]);
    assert_eq!(code(&as_json), 0, "{}", stderr(&as_json));
    assert_eq!(json(&as_json), json!({ "chaveAcesso": key(2) }));

    let (operation, body) = &live.seen()[0];
    assert_eq!(operation, "ObterChaveAcessoLC_Integracao");
    assert!(
        body.contains(&format!(
            "<CodigoSistemaSatelite>{SATELLITE}</CodigoSistemaSatelite><Usuario>{USER}</Usuario>"
        )),
        "{body}"
    );

    let refused = live.run(&["key", "--user", USER, "--password", "wrong"]);
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("Usuário ou senha inválidos. [a:InternalServiceFault]"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn status_fetches_a_new_key_once_when_the_first_is_refused() {
    let live = FakeLive::start();
    let out = live.run(&["status", "--ticket", DONE, "--user", USER]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "SEQUENCE  STATUS      DETAIL\n1         Processado\n2         Processado\n\
             ticket {DONE}: SUCCESS (2 items)\n"
        )
    );
    assert!(
        stderr(&out).contains("fetching a new one"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        live.operations(),
        [
            "ObterChaveAcessoLC_Integracao",
            "ConsultarStatusTicketLC_Integracao",
            "ObterChaveAcessoLC_Integracao",
            "ConsultarStatusTicketLC_Integracao",
        ]
    );
    let seen = live.seen();
    assert!(
        seen[1]
            .1
            .contains(&format!("<ren1:Chave>{}</ren1:Chave>", key(1)))
    );
    assert!(
        seen[3]
            .1
            .contains(&format!("<ren1:Chave>{}</ren1:Chave>", key(2)))
    );
    assert!(
        seen[3]
            .1
            .contains(&format!("<ren1:NumeroTicket>{DONE}</ren1:NumeroTicket>"))
    );

    // The key alone, now that the connector takes it: still processing.
    let waiting = live.run(&["status", "--ticket", WAITING, "--key", &key(2)]);
    assert_eq!(code(&waiting), 1, "{}", stderr(&waiting));
    assert!(stdout(&waiting).contains("2         AguardandoProcessamento"));
    assert!(stdout(&waiting).ends_with(&format!("ticket {WAITING}: PROCESSING (2 items)\n")));
    assert_eq!(live.operations().len(), 5, "no new key for --key");
}

#[test]
fn status_json_is_the_capsule_output() {
    let live = FakeLive::start();
    let out = live.run(&["status", "--ticket", DONE, "--user", USER, "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The capsule's key order, compact, on one line.
    assert!(
        stdout(&out).starts_with(
            "{\"encontrouRegistros\":true,\"status\":200,\"processStatus\":\"SUCCESS\",\"items\":["
        ),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        json(&out),
        json!({
            "encontrouRegistros": true,
            "status": 200,
            "processStatus": "SUCCESS",
            "items": [
                { "numeroSequencia": "1", "situacaoProcessamento": "Processado", "detalheSituacao": null },
                { "numeroSequencia": "2", "situacaoProcessamento": "Processado", "detalheSituacao": "" },
            ],
            "numeroTicket": DONE,
        })
    );
}

#[test]
fn a_refused_key_without_a_login_is_a_fault() {
    let live = FakeLive::start();
    let out = live.run(&["status", "--ticket", DONE, "--key", STALE_KEY]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(stdout(&out).is_empty());
    let text = stderr(&out);
    assert!(text.contains("Chave de Acesso Inválida."), "{text}");
    assert!(text.contains("pass --user"), "{text}");

    let as_json = live.run(&["status", "--ticket", DONE, "--key", STALE_KEY, "--json"]);
    assert_eq!(code(&as_json), 2);
    let output = json(&as_json);
    assert_eq!(output["error"], "Não foi possível consultar ticket.");
    assert_eq!(output["code"], 500);
    assert!(
        output["timestamp"]
            .as_u64()
            .is_some_and(|ms| ms > 1_500_000_000_000)
    );
    assert_eq!(
        live.operations(),
        ["ConsultarStatusTicketLC_Integracao"; 2],
        "no key without --user"
    );
}

#[test]
fn status_policies_decide_the_exit_code() {
    let live = FakeLive::start();
    let first = live.run(&["status", "--ticket", DONE, "--user", USER]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let key = key(2);
    let status = |ticket: &str, extra: &[&str]| {
        let mut args = vec!["status", "--ticket", ticket, "--key", &key];
        args.extend_from_slice(extra);
        code(&live.run(&args))
    };
    assert_eq!(status(FAILED, &[]), 2);
    assert_eq!(status(NOTED, &[]), 2);
    assert_eq!(status(NOTED, &["--detail-is-error"]), 2);
    assert_eq!(status(NOTED, &["--detail-is-not-error"]), 0);
    assert_eq!(status(EMPTY, &[]), 2);
    assert_eq!(status(EMPTY, &["--empty", "success"]), 0);
    assert_eq!(status(EMPTY, &["--empty", "processing"]), 1);
    assert_eq!(
        status(NOTED, &["--detail-is-error", "--detail-is-not-error"]),
        3
    );
}

#[test]
fn stores_table_and_capsule_output() {
    let live = FakeLive::start();
    let out = live.run(&["stores", "--all", "--key", &key(7)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "TICKET        DATA      HORA    SATELLITE\n\
             {STORES_TICKET}  20190530  191120  {SATELLITE}\n\
             \n\
             Codigo  Nome               Ativa\n\
             0001    Loja Centro & Sul  true\n\
             0002    Loja Norte         false\n\
             2 stores; confirm with `taf live confirm --ticket {STORES_TICKET}`\n"
        )
    );
    let (_, body) = &live.seen()[0];
    assert!(
        body.contains("</liv:xmlIdentificacao><liv:retornaTodasLojas>true</liv:retornaTodasLojas>"),
        "{body}"
    );
    assert!(
        body.contains(&format!("<Chave>{}</Chave>", key(7))),
        "{body}"
    );

    let numeric = live.run(&[
        "stores",
        "--all",
        "false",
        "--numeric",
        "--json",
        "--key",
        &key(7),
    ]);
    assert_eq!(code(&numeric), 0, "{}", stderr(&numeric));
    let output = json(&numeric);
    assert_eq!(output["encontrouRegistros"], true);
    assert_eq!(output["data"], 20_190_530);
    assert_eq!(output["numeroTicketSaida"], 123);
    assert_eq!(output["codigoSistemaSatelite"], 220_000_251);
    assert_eq!(
        output["lojas"][0],
        json!({ "Codigo": "0001", "Nome": "Loja Centro & Sul", "Ativa": "true" })
    );
    let documents = live.run(&["stores", "--found", "documents", "--json", "--key", &key(7)]);
    assert_eq!(code(&documents), 0, "{}", stderr(&documents));
    assert_eq!(json(&documents)["encontrouRegistros"], true, "two stores");
    assert_eq!(
        code(&live.run(&["stores", "--found", "stores", "--key", &key(7)])),
        3
    );
    let (_, body) = &live.seen()[1];
    assert!(
        body.contains("<liv:retornaTodasLojas>false</liv:retornaTodasLojas>"),
        "{body}"
    );
}

#[test]
fn customers_without_documents_are_no_error() {
    let live = FakeLive::start();
    let out = live.run(&["customers", "--key", &key(7)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "TICKET        DATA      HORA    SATELLITE\n\
             {CUSTOMERS_TICKET}  20190530  160400  {SATELLITE}\n\nno customers\n"
        )
    );

    // `customer`, as the issue spells it, is an alias.
    let as_json = live.run(&["customer", "--key", &key(7), "--json"]);
    assert_eq!(code(&as_json), 0, "{}", stderr(&as_json));
    assert_eq!(
        json(&as_json),
        json!({
            "encontrouRegistros": false,
            "status": 200,
            "data": "20190530",
            "hora": "160400",
            "numeroTicketSaida": CUSTOMERS_TICKET,
            "codigoSistemaSatelite": SATELLITE,
            "clientes": [],
        })
    );
}

#[test]
fn confirm_an_outbound_ticket() {
    let live = FakeLive::start();
    let out = live.run(&["confirm", "--ticket", STORES_TICKET, "--key", &key(7)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("confirmed ticket {STORES_TICKET}\n"));
    let (operation, body) = &live.seen()[0];
    assert_eq!(operation, "ConfirmarTicketLC_Integracao");
    assert!(body.contains(&format!(
        "<ren1:NumeroTicket>{STORES_TICKET}</ren1:NumeroTicket>\
         <ren1:SituacaoTicketSaida>EnvioConfirmado</ren1:SituacaoTicketSaida>"
    )));

    let as_json = live.run(&[
        "confirm",
        "--ticket",
        STORES_TICKET,
        "--key",
        &key(7),
        "--json",
    ]);
    assert_eq!(
        json(&as_json),
        json!({ "numeroTicket": STORES_TICKET, "confirmado": true })
    );

    let unknown = live.run(&["confirm", "--ticket", "999", "--key", &key(7)]);
    assert_eq!(code(&unknown), 2);
    assert!(
        stderr(&unknown).contains("Ticket não encontrado."),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn an_unreachable_connector_is_exit_4() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let url = format!("http://127.0.0.1:{port}/LiveConnector/FacadeIntegracao.svc");
    for args in [
        &["status", "--ticket", DONE, "--key", STALE_KEY][..],
        &["key", "--user", USER],
        &["customers", "--user", USER, "--json"],
    ] {
        let out = run_at(&url, args);
        assert_eq!(code(&out), 4, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("no answer from"), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn usage_errors_are_exit_3() {
    let live = FakeLive::start();
    // Neither --key nor --user.
    assert_eq!(code(&live.run(&["status", "--ticket", DONE])), 3);
    // `key` needs --user.
    assert_eq!(code(&live.run(&["key"])), 3);
    // Not an http(s) URL.
    let out = run_at("ftp://live.example/x.svc", &["stores", "--key", STALE_KEY]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    // Ticket "0" is never confirmed (Protheus skips it): refused before any request.
    let zero = live.run(&["confirm", "--ticket", "0", "--key", STALE_KEY]);
    assert_eq!(code(&zero), 3, "{}", stderr(&zero));
    assert!(stderr(&zero).contains("NumeroTicket"), "{}", stderr(&zero));
    assert!(live.operations().is_empty());
}

//! A faithful WSTAFST2 server model: state in, request in, response out (spec §2–§5).
//!
//! The emulator answers as the real server does, byte for byte, broken outputs included:
//! values go out unescaped (a quote in a key breaks the JSON), DELETE with an unknown branch
//! writes the 803 envelope followed by `"success" : false`, a crashed worker answers an empty
//! body, and a `'` in a value the server puts into SQL crashes it. [`Quirks`] switches make the
//! output tidier or select installation-dependent behaviour (Windows-1252). It is sans-IO:
//! `taf serve` puts it behind HTTP, tests call it directly.

mod quirks;
mod tables;

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::{Deserialize, Serialize};

pub use quirks::{FailureRule, InjectedFailure, Quirks};
pub use tables::Tables;

use crate::catalog::FaultCode;
use crate::server::{
    self, Database, JobReport, NewRow, PageCutter, PendingIndex, Scenario, ServerRules, St2Row,
    St2Status, St2Store, Store,
};
use crate::wire::http::{Credentials, HttpRequest, HttpResponse, Method};
use crate::wire::messages;
use crate::wire::text::all_trim;
use crate::wire::{Fault, FaultBody, GetQuery, MAX_LOTE_BYTES, MAX_LOTE_ITEMS, PostRequest, Wire};

/// How the emulated server is set up. Its `Debug` output hides the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Config {
    /// Registered branches and the POST rules (808 columns, 804 catalogue, 807/814
    /// hypotheses), shared with the preflight.
    pub rules: ServerRules,
    /// The credentials required in `Authorization: Basic` (401 otherwise); `None` disables
    /// auth.
    pub credentials: Option<Credentials>,
    /// The database behind the server, which changes `searchMode=2` answers.
    pub database: Database,
    /// Write faults in the newer `{"code","message"}` shape instead of the classic one.
    pub modern_faults: bool,
    /// Reproduce the static `MAXGET_EVENTOS`: a `lotQuantity` sticks for later requests.
    pub sticky_lot_quantity: bool,
    /// Largest request body accepted (HTTP 413 beyond it, never a crash).
    pub max_body_bytes: usize,
    /// Fault injection, all off by default.
    pub quirks: Quirks,
    /// What the government step rejects.
    pub scenario: Scenario,
    /// Most items one POST may carry (HTTP 413 beyond it).
    pub max_lote_items: usize,
    /// Most message bytes the emulator keeps for one ticket (HTTP 413 beyond it).
    pub max_ticket_bytes: usize,
}

impl Config {
    /// The default set-up with these POST rules and registered branches.
    pub fn new(rules: ServerRules) -> Self {
        Self {
            rules,
            ..Self::default()
        }
    }

    /// Whether an `Authorization` header value carries the configured credentials (always true
    /// when none are configured); see [`Credentials::authorizes`].
    pub fn authorizes(&self, authorization: Option<&str>) -> bool {
        self.credentials
            .as_ref()
            .is_none_or(|credentials| credentials.authorizes(authorization))
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("rules", &self.rules)
            .field("credentials", &self.credentials)
            .field("database", &self.database)
            .field("modern_faults", &self.modern_faults)
            .field("sticky_lot_quantity", &self.sticky_lot_quantity)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("quirks", &self.quirks)
            .field("scenario", &self.scenario)
            .field("max_lote_items", &self.max_lote_items)
            .field("max_ticket_bytes", &self.max_ticket_bytes)
            .finish()
    }
}

/// The server's clock, which the POST stamps on rows without a date or time. Sans-IO: the
/// caller sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// `YYYYMMDD`.
    pub date: String,
    /// `HH:MM:SS`.
    pub time: String,
}

impl Clock {
    /// The UTC date and time `seconds` after the Unix epoch (the caller reads its own clock).
    pub fn from_unix_seconds(seconds: u64) -> Self {
        let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX);
        let of_day = seconds % 86_400;
        let (year, month, day) = crate::calendar::civil_from_days(days);
        Self {
            date: format!("{year:04}{month:02}{day:02}"),
            time: format!(
                "{:02}:{:02}:{:02}",
                of_day / 3600,
                of_day % 3600 / 60,
                of_day % 60
            ),
        }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self {
            date: "20260101".to_owned(),
            time: "00:00:00".to_owned(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            rules: ServerRules::default(),
            credentials: None,
            database: Database::Other,
            modern_faults: false,
            sticky_lot_quantity: false,
            max_body_bytes: MAX_LOTE_BYTES,
            quirks: Quirks::default(),
            scenario: Scenario::default(),
            max_lote_items: MAX_LOTE_ITEMS,
            max_ticket_bytes: 512 * 1024 * 1024,
        }
    }
}

/// An HTTP answer of the emulator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The body: UTF-8 JSON unless a quirk says otherwise.
    pub body: Vec<u8>,
    /// How long the transport should wait before answering (an injected slow response).
    pub delay_millis: u64,
}

impl Response {
    fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            body: body.into(),
            delay_millis: 0,
        }
    }

    /// The HTTP response to send, with `Content-Type: application/json` (and the
    /// `WWW-Authenticate` challenge on a 401).
    pub fn into_http(self) -> HttpResponse {
        let unauthorized = self.status == 401;
        let mut response = HttpResponse::new(self.status, self.body);
        response.headers.insert("Content-Type", "application/json");
        if unauthorized {
            response
                .headers
                .insert("WWW-Authenticate", Credentials::CHALLENGE);
        }
        response
    }
}

/// The emulated server: its configuration and its tables, in memory ([`Tables`]) unless another
/// [`Store`] is given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Emulator<S = Tables> {
    /// The set-up.
    pub config: Config,
    /// The database.
    pub tables: S,
    /// The worker's page cutter, which keeps a sticky `lotQuantity` when configured.
    pub cutter: PageCutter,
    /// Requests handled so far (numbers the seeded failures).
    pub requests: u64,
    /// The server's date and time.
    pub clock: Clock,
}

impl Emulator {
    /// A server with this set-up and empty tables in memory.
    pub fn new(config: Config) -> Self {
        Self::with_store(config, Tables::default())
    }

    /// Runs the integration job over every pending row.
    pub fn process(&mut self) -> JobReport {
        self.run_job().unwrap_or_else(|never| match never {})
    }

    /// Runs the government step over every integrated record.
    pub fn transmit(&mut self) -> JobReport {
        self.run_transmission()
            .unwrap_or_else(|never| match never {})
    }
}

impl<S: Store> Emulator<S> {
    /// A server with this set-up over `store`.
    pub fn with_store(config: Config, store: S) -> Self {
        Self {
            config,
            tables: store,
            cutter: PageCutter::default(),
            requests: 0,
            clock: Clock::default(),
        }
    }

    /// Runs the integration job over every pending row, one row per unit of work.
    pub fn run_job(&mut self) -> Result<JobReport, S::Error> {
        server::run_job(&mut self.tables)
    }

    /// Runs the government step over every integrated record, one record per unit of work.
    pub fn run_transmission(&mut self) -> Result<JobReport, S::Error> {
        server::transmit(&mut self.tables, &self.config.scenario)
    }

    /// Empties the tables and forgets a sticky `lotQuantity`.
    pub fn reset(&mut self) -> Result<(), S::Error> {
        self.cutter = PageCutter::default();
        server::atomically(&mut self.tables, S::clear)
    }

    /// Handles one request. The URL may be absolute or just the request target
    /// (`/rest/wstafst2?…`); the service name is matched without regard to case.
    pub fn handle(&mut self, request: &HttpRequest) -> Response {
        let number = self.requests;
        self.requests += 1;
        let rule = self
            .config
            .quirks
            .failures
            .filter(|rule| rule.chooses(number));
        let mut response = match rule.map(|rule| rule.failure) {
            Some(InjectedFailure::TableUnavailable) => self.fault(Fault::classic(
                FaultCode::TableUnavailable,
                messages::TAFST2_UNAVAILABLE,
            )),
            Some(InjectedFailure::Unavailable) => Response::new(503, Vec::new()),
            Some(InjectedFailure::Slow { .. }) | None => self.route(request),
        };
        if let Some(InjectedFailure::Slow { millis }) = rule.map(|rule| rule.failure) {
            response.delay_millis = millis;
        }
        response
    }

    fn route(&mut self, request: &HttpRequest) -> Response {
        let target = request.path_and_query();
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if !path
            .trim_end_matches('/')
            .eq_ignore_ascii_case("/rest/wstafst2")
        {
            return self.fault_response(404, 404, "Resource not found.");
        }
        if !self.authorized(request.headers.get("Authorization")) {
            return self.fault_response(401, 401, "Unauthorized");
        }
        if request.body.len() > self.config.max_body_bytes {
            return self.fault_response(
                413,
                413,
                &format!("Body larger than {} bytes.", self.config.max_body_bytes),
            );
        }
        match request.method {
            Method::Get => self.get(query),
            Method::Delete => self.delete(query, &request.body),
            Method::Post => self.post(&request.body),
        }
    }

    fn authorized(&self, authorization: Option<&str>) -> bool {
        self.config.authorizes(authorization)
    }

    /// GET: branch check first (an HTTP 200 envelope), then the 70x chain, then the SQL (which
    /// a `'` in the key, ticket or branch breaks: the worker fails and the answer is an empty
    /// HTTP 500, spec §4.3 and §1.2 [OPEN]), and the page.
    fn get(&mut self, query: &str) -> Response {
        let query = match GetQuery::from_query_string(query) {
            Ok(query) => query,
            Err(error) => return self.fault_response(400, 400, &error.to_string()),
        };
        if !self
            .config
            .rules
            .branches
            .accepts(query.source_branch.as_deref().unwrap_or_default())
        {
            return self.body(200, server::unknown_branch().encode());
        }
        if let Err(fault) = server::check_query(&query) {
            return self.fault(fault);
        }
        if server::breaks_sql(&query) {
            return Response::new(500, Vec::new());
        }
        let mut cutter = std::mem::take(&mut self.cutter)
            .with_sticky_lot_quantity(self.config.sticky_lot_quantity);
        let answer = server::get_answer(
            &self.tables,
            &query,
            self.config.database,
            self.config.quirks.double_base64,
            &mut cutter,
        );
        self.cutter = cutter;
        match answer {
            Ok(Ok(page)) => self.body(200, page.encode()),
            Ok(Err(fault)) => self.fault(fault),
            Err(error) => self.store_failure(&error),
        }
    }

    /// POST: the same processing the preflight predicts, committing into TAFST2.
    fn post(&mut self, body: &[u8]) -> Response {
        match self.over_limits(body) {
            Ok(Some(refusal)) => return refusal,
            Ok(None) => {}
            Err(error) => return self.store_failure(&error),
        }
        let mut commit = Commit {
            store: &mut self.tables,
            clock: &self.clock,
            open: Cell::new(false),
            failure: RefCell::new(None),
        };
        let processed = server::process(body, &self.config.rules, &mut commit);
        match commit.finish() {
            Ok(()) => self.body(processed.answer.status(), processed.answer.body()),
            Err(error) => self.store_failure(&error),
        }
    }

    /// HTTP 500 for a store that failed: what was not committed is never acknowledged.
    fn store_failure(&self, error: &S::Error) -> Response {
        self.fault_response(500, 500, &format!("Storage failure: {error}"))
    }

    /// A 413 fault when a lote has too many items or would grow its ticket past the limit.
    fn over_limits(&self, body: &[u8]) -> Result<Option<Response>, S::Error> {
        let Ok(request) = PostRequest::decode(body) else {
            return Ok(None);
        };
        if request.lote.len() > self.config.max_lote_items {
            return Ok(Some(self.fault_response(
                413,
                413,
                &format!(
                    "Lote of {} items exceeds the limit of {}.",
                    request.lote.len(),
                    self.config.max_lote_items
                ),
            )));
        }
        let ticket = all_trim(&request.ticket_code);
        let stored = self.tables.ticket_message_bytes(ticket)?;
        let incoming: usize = request
            .lote
            .iter()
            .map(|item| item.integration_message.as_deref().map_or(0, str::len) / 4 * 3)
            .sum();
        Ok((stored + incoming > self.config.max_ticket_bytes).then(|| {
            self.fault_response(
                413,
                413,
                &format!(
                    "Ticket {ticket} would hold more than {} bytes of messages.",
                    self.config.max_ticket_bytes
                ),
            )
        }))
    }

    /// DELETE: body checks (704), then the branch (803), then the whole chain of each ticket.
    fn delete(&mut self, query: &str, body: &[u8]) -> Response {
        let request = match server::delete_request(body) {
            Ok(request) => request,
            Err(fault) => return self.fault(fault),
        };
        let branch = GetQuery::from_query_string(query)
            .ok()
            .and_then(|query| query.source_branch)
            .unwrap_or_default();
        if !self.config.rules.branches.accepts(&branch) {
            let mut body = server::unknown_branch().encode();
            if !self.config.quirks.tidy_delete {
                body.push_str("\"success\" : false");
            }
            return self.body(500, body);
        }
        for ticket in &request.tickets {
            if let Err(error) = server::atomically(&mut self.tables, |store| {
                store.delete_ticket(all_trim(ticket))
            }) {
                return self.store_failure(&error);
            }
        }
        self.body(200, "{\"success\" : true}".to_owned())
    }

    /// Writes a fault in the configured shape.
    fn fault(&self, fault: Fault) -> Response {
        let body = match (fault.body, self.config.modern_faults) {
            (FaultBody::Classic { code, message }, true) => FaultBody::Modern { code, message },
            (body, _) => body,
        };
        let fault = Fault {
            status: fault.status,
            body,
        };
        self.body(fault.status, fault.encode_body())
    }

    /// A response whose body goes through the body quirks.
    fn body(&self, status: u16, body: String) -> Response {
        Response::new(status, self.config.quirks.shape_body(body))
    }

    fn fault_response(&self, status: u16, code: i64, message: &str) -> Response {
        self.fault(Fault {
            status,
            body: FaultBody::Classic {
                code,
                message: message.to_owned(),
            },
        })
    }
}

/// The store as the POST's: each item is one unit of work, opened by its 813 lookup and
/// committed by its insert (or when the next item starts), stamping rows with the server's
/// clock. The first failure is kept: later lookups answer "pending" so nothing more is stored,
/// and the POST answers 500.
struct Commit<'a, S: Store> {
    store: &'a mut S,
    clock: &'a Clock,
    /// Whether an item's unit of work is open.
    open: Cell<bool>,
    failure: RefCell<Option<S::Error>>,
}

impl<S: Store> Commit<'_, S> {
    /// Keeps the first failure.
    fn fail(&self, error: S::Error) {
        self.store.rollback();
        self.open.set(false);
        self.failure.borrow_mut().get_or_insert(error);
    }

    /// Commits the open unit of work, if any.
    fn close(&self) -> Result<(), S::Error> {
        if self.open.replace(false) {
            self.store.commit()?;
        }
        Ok(())
    }

    /// Ends the POST: commits what is open; the first failure, if any.
    fn finish(self) -> Result<(), S::Error> {
        if let Err(error) = self.close() {
            self.fail(error);
        }
        match self.failure.into_inner() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

impl<S: Store> PendingIndex for Commit<'_, S> {
    fn is_pending(&self, branch: &str, registry_type: &str, key: &str) -> bool {
        if self.failure.borrow().is_some() {
            return true;
        }
        let looked_up = self.close().and_then(|()| {
            self.store.begin()?;
            self.open.set(true);
            self.store.is_pending(branch, registry_type, key)
        });
        looked_up.unwrap_or_else(|error| {
            self.fail(error);
            true
        })
    }
}

impl<S: Store> St2Store for Commit<'_, S> {
    fn insert(&mut self, row: NewRow) {
        if self.failure.borrow().is_some() {
            return;
        }
        let message = row.stored_message();
        let row = St2Row {
            recno: 0,
            branch: row.branch,
            message_type: row.message_type,
            sequential: row.sequential,
            registry_type: row.registry_type,
            key: row.key,
            message,
            status: St2Status::Pending,
            ticket: row.ticket,
            date: row.date.unwrap_or_else(|| self.clock.date.clone()),
            time: row.time.unwrap_or_else(|| self.clock.time.clone()),
            priority: row.priority,
            queue: row.queue,
            owner: row.owner,
            predecessor: row.predecessor,
            transfer_branch: row.transfer_branch,
            complement: row.complement,
        };
        let stored = self.store.insert_st2(row).and_then(|_| self.close());
        if let Err(error) = stored {
            self.fail(error);
        }
    }
}

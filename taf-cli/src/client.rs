//! A WSTAFST2 client over any transport: the status policy's retries, and every page of a
//! search through the paginator.

use std::hash::{BuildHasher, RandomState};
use std::io::{self, Write};
use std::iter;
use std::ops::ControlFlow;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use taf_core::{
    Action, Attempt, Cursor, DeleteRequest, DeleteResponse, GetPage, GetQuery, PageEvent,
    Paginator, PostRequest, PostResponse, RequestError, StatusPolicy, UnknownOutcome, Wire,
};
use taf_core::{Endpoint, HttpRequest, HttpResponse, ReplyBody};

use crate::exit::CliError;

/// Carries one request to the server and its answer back.
pub(crate) trait Transport {
    /// Sends `request`; an error means no answer came.
    fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, CliError>;

    /// Gives up on any answer still awaited at `deadline`. The default keeps the transport's
    /// own timeouts (a transport that answers at once needs nothing more).
    fn set_deadline(&mut self, deadline: Instant) {
        let _ = deadline;
    }
}

/// When the whole command must end, and the `--deadline` that set it.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Instant,
    limit: Duration,
}

/// Requests to one endpoint, retried as the status policy says.
pub(crate) struct Client<T> {
    endpoint: Endpoint,
    transport: T,
    policy: StatusPolicy,
    deadline: Option<Deadline>,
}

impl<T: Transport> Client<T> {
    /// A client of `endpoint` over `transport`, with the default status policy.
    pub(crate) fn new(endpoint: Endpoint, transport: T) -> Self {
        Self {
            endpoint,
            transport,
            policy: StatusPolicy::default(),
            deadline: None,
        }
    }

    /// The client, stopping every request and retry `limit` from now with
    /// [`CliError::Deadline`].
    pub(crate) fn with_deadline(mut self, limit: Duration) -> Self {
        let at = Instant::now().checked_add(limit);
        self.deadline = at.map(|at| Deadline { at, limit });
        if let Some(at) = at {
            self.transport.set_deadline(at);
        }
        self
    }

    /// Fails with [`CliError::Deadline`] when the deadline would pass within `wait`.
    pub(crate) fn check_deadline(&self, wait: Duration) -> Result<(), CliError> {
        match self.deadline {
            Some(Deadline { at, limit }) if Instant::now() + wait >= at => {
                Err(CliError::Deadline { limit })
            }
            _ => Ok(()),
        }
    }

    /// The transport (the demo reaches its emulator through it).
    pub(crate) fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// POSTs `body` exactly as given, once: a POST is not idempotent, and a failure may come
    /// after the server stored the first items, so sending it again could only give 813s.
    /// An answer that does not tell what was stored is [`Posted::Unknown`], never an error to
    /// retry.
    pub(crate) fn post(&mut self, body: Vec<u8>) -> Result<Posted, CliError> {
        let mut request = self.endpoint.post(&PostRequest::default());
        request.body = body;
        let response = match self.transport.send(&request) {
            Ok(response) => response,
            Err(CliError::Interrupted { detail, .. }) => {
                return Ok(Posted::Unknown(format!("the answer broke off: {detail}")));
            }
            Err(error) => return Err(error),
        };
        // The core's rules: an unreadable 2xx answer, or a failure the policy calls an
        // unknown outcome (a raw 500, 502, 504 or 409), may follow a partial store.
        if UnknownOutcome::follows(response.status, &response.body) {
            return Ok(Posted::Unknown(unreadable(&response)));
        }
        let mut once = self.policy;
        once.max_attempts = 1;
        match decide(
            &request,
            &response,
            once,
            Attempt::first(SystemTime::now(), 0),
        ) {
            Ok(ControlFlow::Break(answer)) => Ok(Posted::Answered(answer)),
            // A one-attempt policy never asks for a retry; were it to, the POST is still not
            // sent again.
            Ok(ControlFlow::Continue(_)) => Ok(Posted::Unknown(
                "the server asked to send it again".to_owned(),
            )),
            Err(CliError::Request(RequestError::OutcomeUnknown(fault))) => Ok(Posted::Unknown(
                format!("HTTP {}, not a WSTAFST2 fault: {fault}", fault.status),
            )),
            Err(error) => Err(error),
        }
    }

    /// The GET that lists what the server stored of the lote `body`: its ticket, routed by
    /// its first item's branch; `None` when `body` is no lote.
    pub(crate) fn stored_query(&self, body: &[u8]) -> Option<(GetQuery, HttpRequest)> {
        let lote = PostRequest::decode(body).ok()?;
        let mut query = GetQuery::by_ticket(lote.ticket_code);
        query.source_branch = lote
            .lote
            .into_iter()
            .next()
            .and_then(|item| item.source_branch);
        let request = self.endpoint.get(&query);
        Some((query, request))
    }

    /// The service URL.
    pub(crate) fn url(&self) -> String {
        self.endpoint.url()
    }

    /// DELETEs `tickets`, routed by `branch`.
    pub(crate) fn delete(
        &mut self,
        tickets: &[String],
        branch: &str,
    ) -> Result<DeleteResponse, CliError> {
        let request = self
            .endpoint
            .delete(&DeleteRequest::new(tickets), Some(branch));
        self.exchange(&request, self.policy)
    }

    /// Follows every page of `query`, handing each page's events to `page` with the cursor
    /// after it; only one page is held at a time.
    pub(crate) fn list(
        &mut self,
        query: GetQuery,
        mut page: impl FnMut(Vec<PageEvent>, &Cursor) -> Result<(), CliError>,
    ) -> Result<(), CliError> {
        let mut pager = Paginator::new(query)?;
        while let Some(query) = pager.next_query() {
            pager.handle_page(self.page(&query)?)?;
            let events = iter::from_fn(|| pager.poll_event()).collect();
            page(events, pager.cursor())?;
        }
        Ok(())
    }

    /// GETs one page.
    pub(crate) fn page(&mut self, query: &GetQuery) -> Result<GetPage, CliError> {
        self.exchange(&self.endpoint.get(query), self.policy)
    }

    /// Sends `request` until `policy` is done with it.
    fn exchange<B: ReplyBody>(
        &mut self,
        request: &HttpRequest,
        policy: StatusPolicy,
    ) -> Result<B, CliError> {
        let mut attempt = Attempt::first(SystemTime::now(), random());
        loop {
            self.check_deadline(Duration::ZERO)?;
            let response = self.transport.send(request).map_err(|error| {
                // An answer cut short by the deadline is the deadline's doing.
                self.check_deadline(Duration::ZERO).err().unwrap_or(error)
            })?;
            match decide(request, &response, policy, attempt)? {
                ControlFlow::Break(body) => return Ok(body),
                ControlFlow::Continue(delay) => {
                    self.check_deadline(delay)?;
                    thread::sleep(delay);
                }
            }
            attempt = attempt.next(SystemTime::now(), random());
        }
    }
}

/// What `policy` makes of `response`: the body, a failure, or the wait before sending the
/// request again (said on the standard error).
fn decide<B: ReplyBody>(
    request: &HttpRequest,
    response: &HttpResponse,
    policy: StatusPolicy,
    attempt: Attempt,
) -> Result<ControlFlow<B, Duration>, CliError> {
    let now = SystemTime::now();
    match policy.decide(response.reply::<B>()?, response.retry_after(now), attempt) {
        Action::Done(body) => Ok(ControlFlow::Break(body)),
        Action::Retry { delay, cause, .. } => {
            let _ = writeln!(
                io::stderr(),
                "taf: {} {}: {cause}; retrying in {:.1} s",
                request.method.as_str(),
                request.url,
                delay.as_secs_f64()
            );
            Ok(ControlFlow::Continue(delay))
        }
        // The credentials come from the command line: asking again cannot change them.
        Action::Reauthenticate(fault) => Err(RequestError::Unauthorized(fault).into()),
        Action::Fail(error) => Err(error.into()),
    }
}

/// How a POST ended.
#[derive(Debug)]
pub(crate) enum Posted {
    /// The server's answer, item by item.
    Answered(PostResponse),
    /// An answer that does not tell what was stored (why, in words): the server may have
    /// stored some items before it failed, so the lote must not be sent again blindly.
    Unknown(String),
}

impl Posted {
    /// The answer, or [`CliError::OutcomeUnknown`] naming `lote`.
    pub(crate) fn answer(self, lote: &str) -> Result<PostResponse, CliError> {
        match self {
            Self::Answered(response) => Ok(response),
            Self::Unknown(reason) => Err(CliError::OutcomeUnknown {
                lote: lote.to_owned(),
                reason,
                rest: String::new(),
            }),
        }
    }
}

/// Why a POST's answer that [`UnknownOutcome::follows`] is unreadable, in words.
fn unreadable(response: &HttpResponse) -> String {
    match response.reply::<PostResponse>() {
        Err(_) if response.body.iter().all(u8::is_ascii_whitespace) => {
            format!("HTTP {} with an empty body", response.status)
        }
        Err(error) => format!("HTTP {} with an unreadable body: {error}", response.status),
        Ok(_) => format!(
            "HTTP {} with an answer that is not a POST's",
            response.status
        ),
    }
}

/// A random number for the retry jitter, from the standard library's hasher keys.
fn random() -> u64 {
    RandomState::new().hash_one(SystemTime::now())
}

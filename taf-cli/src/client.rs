//! A WSTAFST2 client over any transport: the status policy's retries, and every page of a
//! search through the paginator.

use std::hash::{BuildHasher, RandomState};
use std::thread;
use std::time::SystemTime;

use taf_core::http::{Endpoint, HttpRequest, HttpResponse, ReplyBody};
use taf_core::{
    Action, Attempt, Cursor, DeleteRequest, DeleteResponse, Event, GetPage, GetQuery, Item,
    Paginator, PostRequest, PostResponse, RequestError, StatusPolicy,
};

use crate::exit::CliError;

/// Carries one request to the server and its answer back.
pub(crate) trait Transport {
    /// Sends `request`; an error means no answer came.
    fn send(&mut self, request: &HttpRequest) -> Result<HttpResponse, CliError>;
}

/// Every record a search found, in page order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Listing {
    /// The records.
    pub(crate) items: Vec<Item>,
    /// Extra copies of records (key-only searches).
    pub(crate) duplicates: usize,
    /// Whether the server found nothing.
    pub(crate) not_found: bool,
    /// Pages fetched.
    pub(crate) pages: u32,
}

/// Requests to one endpoint, retried as the status policy says.
pub(crate) struct Client<T> {
    endpoint: Endpoint,
    transport: T,
    policy: StatusPolicy,
}

impl<T: Transport> Client<T> {
    /// A client of `endpoint` over `transport`, with the default status policy.
    pub(crate) fn new(endpoint: Endpoint, transport: T) -> Self {
        Self {
            endpoint,
            transport,
            policy: StatusPolicy::default(),
        }
    }

    /// The transport (the demo reaches its emulator through it).
    pub(crate) fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// POSTs `body` exactly as given, once: a POST is not idempotent, and a 500 may come
    /// after the server stored the first items, so sending it again could only give 813s.
    pub(crate) fn post(&mut self, body: Vec<u8>) -> Result<PostResponse, CliError> {
        let mut request = self.endpoint.post(&PostRequest::default());
        request.body = body;
        let once = StatusPolicy {
            max_attempts: 1,
            ..self.policy
        };
        self.exchange(&request, once)
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

    /// Follows every page of `query`, calling `progress` after each one.
    pub(crate) fn list(
        &mut self,
        query: GetQuery,
        mut progress: impl FnMut(&Cursor),
    ) -> Result<Listing, CliError> {
        let mut pager = Paginator::new(query)?;
        let mut listing = Listing::default();
        while let Some(query) = pager.next_query() {
            pager.handle_page(self.page(&query)?)?;
            while let Some(event) = pager.poll_event() {
                match event {
                    Event::Item(item) => listing.items.push(item),
                    Event::Duplicate(copies) => listing.duplicates += copies.count(),
                    Event::NotFound(_) => listing.not_found = true,
                }
            }
            progress(pager.cursor());
        }
        listing.pages = pager.cursor().pages();
        Ok(listing)
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
            let response = self.transport.send(request)?;
            let now = SystemTime::now();
            let decided = policy.decide(response.reply::<B>()?, response.retry_after(now), attempt);
            match decided {
                Action::Done(body) => return Ok(body),
                Action::Retry { delay, cause, .. } => {
                    eprintln!(
                        "taf: {} {}: {cause}; retrying in {:.1} s",
                        request.method.as_str(),
                        request.url,
                        delay.as_secs_f64()
                    );
                    thread::sleep(delay);
                }
                // The credentials come from the command line: asking again cannot change them.
                Action::Reauthenticate(fault) => {
                    return Err(RequestError::Unauthorized(fault).into());
                }
                Action::Fail(error) => return Err(error.into()),
            }
            attempt = attempt.next(SystemTime::now(), random());
        }
    }
}

/// A random number for the retry jitter, from the standard library's hasher keys.
fn random() -> u64 {
    RandomState::new().hash_one(SystemTime::now())
}

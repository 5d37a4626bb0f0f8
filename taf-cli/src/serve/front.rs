//! The HTTP front end: hyper's HTTP/1.1 server on a tokio runtime. It bounds connections,
//! header size and read time, checks credentials before it reads a body, refuses a body over
//! the limit before reading it, and hands each request to a worker.

use std::convert::Infallible;
use std::net::TcpListener as StdListener;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use taf_core::emulator::Config;
use taf_core::{Credentials, Headers, HttpRequest, HttpResponse, Method};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot, watch};

use super::workers::{Job, fault, json};

/// What the front end accepts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Most connections open at once; more wait in the listen queue.
    pub(crate) connections: usize,
    /// Most bytes of a request line and headers (431 beyond).
    pub(crate) header_bytes: usize,
    /// Most bytes of a body (413 beyond, refused before reading when announced).
    pub(crate) body_bytes: usize,
    /// How long a client may take to send its headers or its body, or stay idle between
    /// requests.
    pub(crate) read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connections: 256,
            header_bytes: 64 * 1024,
            body_bytes: Config::default().max_body_bytes,
            read_timeout: Duration::from_secs(30),
        }
    }
}

/// What every connection shares.
struct Front {
    config: Config,
    limits: Limits,
    jobs: Sender<Job>,
}

/// Accepts connections on `listener` until `stop` turns true; each connection is served on its
/// own task while it holds one of the `limits.connections` permits.
pub(crate) async fn serve(
    listener: StdListener,
    config: Config,
    limits: Limits,
    jobs: Sender<Job>,
    mut stop: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let listener = TcpListener::from_std(listener)?;
    let permits = Arc::new(Semaphore::new(limits.connections.max(1)));
    let front = Arc::new(Front {
        config,
        limits,
        jobs,
    });
    loop {
        let permit = tokio::select! {
            _ = stop.wait_for(|stopped| *stopped) => return Ok(()),
            permit = Arc::clone(&permits).acquire_owned() => permit,
        };
        let Ok(permit) = permit else {
            return Ok(());
        };
        let accepted = tokio::select! {
            _ = stop.wait_for(|stopped| *stopped) => return Ok(()),
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _)) = accepted else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let front = Arc::clone(&front);
        tokio::spawn(async move {
            let service = service_fn(move |request| respond(Arc::clone(&front), request));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.read_timeout)
                .max_buf_size(limits.header_bytes.max(8192))
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// One request: header size, credentials, then the body within its limits, then a worker's
/// answer.
async fn respond(
    front: Arc<Front>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    // hyper stops reading a head at its buffer size, which may hold up to twice the limit.
    let head_bytes = request.uri().to_string().len()
        + request
            .headers()
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum::<usize>();
    if head_bytes > front.limits.header_bytes {
        return Ok(to_hyper(fault(431, "Request header fields too large.")));
    }
    let authorization = request
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    if !front.config.authorizes(authorization) {
        let mut refusal = fault(401, "Unauthorized");
        refusal
            .headers
            .insert("WWW-Authenticate", Credentials::CHALLENGE);
        return Ok(to_hyper(refusal));
    }
    let method = request.method().as_str().to_owned();
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().path().to_owned(), ToString::to_string);
    if request.uri().path() == "/_emulator/health" && method == "GET" {
        return Ok(to_hyper(json(200, b"{\"status\":\"ok\"}".to_vec())));
    }
    let too_large = || {
        fault(
            413,
            &format!("Body larger than {} bytes.", front.limits.body_bytes),
        )
    };
    let announced = request
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|length| length > front.limits.body_bytes as u64) {
        return Ok(to_hyper(too_large()));
    }
    let mut headers = Headers::new();
    for (name, value) in request.headers() {
        headers.append(name.as_str(), String::from_utf8_lossy(value.as_bytes()));
    }
    let body = Limited::new(request.into_body(), front.limits.body_bytes).collect();
    let body = match tokio::time::timeout(front.limits.read_timeout, body).await {
        Ok(Ok(body)) => body.to_bytes().to_vec(),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            return Ok(to_hyper(too_large()));
        }
        Ok(Err(_)) => return Ok(to_hyper(fault(400, "The body could not be read."))),
        Err(_) => return Ok(to_hyper(fault(408, "The body did not arrive in time."))),
    };
    let (reply, answer) = oneshot::channel();
    let job = Job {
        request: HttpRequest {
            method: Method::from_name(&method).unwrap_or(Method::Get),
            url: target,
            headers,
            body,
        },
        method,
        reply,
    };
    if front.jobs.send(job).is_err() {
        return Ok(to_hyper(fault(503, "The server is stopping.")));
    }
    let Ok((response, delay)) = answer.await else {
        return Ok(to_hyper(fault(500, "The worker stopped.")));
    };
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    Ok(to_hyper(response))
}

/// The hyper response of an emulator response.
fn to_hyper(response: HttpResponse) -> Response<Full<Bytes>> {
    let mut answer = Response::new(Full::new(Bytes::from(response.body)));
    *answer.status_mut() =
        StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in response.headers.iter() {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            answer.headers_mut().append(name, value);
        }
    }
    answer
}

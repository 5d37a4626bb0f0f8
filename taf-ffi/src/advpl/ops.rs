//! The ops of the ADVPL bridge (listed in the parent module): each takes the command's `args`
//! and gives its `result`.

use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use taf_core::{
    Attempt, Cursor, DecodeError, DeleteResponse, GetPage, GetQuery, PageEvent, Paginator,
    PagingError, PostResponse, Reply, StatusPolicy,
};
use taf_core::{DEFAULT_SERVICE_PATH, HttpResponse, Method, ReplyBody};

use crate::paginator;
use crate::policy;

/// Why an op failed: a stable code and a message.
pub(super) struct OpError {
    pub(super) code: &'static str,
    pub(super) message: String,
}

impl OpError {
    pub(super) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<DecodeError> for OpError {
    fn from(error: DecodeError) -> Self {
        Self::new("decode_error", format!("{error} ({})", error.kind().code()))
    }
}

impl From<PagingError> for OpError {
    fn from(error: PagingError) -> Self {
        Self::new("paging_error", format!("{error} ({})", error.code()))
    }
}

/// A command: the op's name and its arguments.
#[derive(Deserialize)]
struct Command {
    op: String,
    #[serde(default)]
    args: Value,
}

/// The arguments of an op that takes none.
#[derive(Deserialize)]
struct NoArgs {}

/// An HTTP answer as ADVPL received it.
#[derive(Deserialize)]
struct Received {
    status: u16,
    #[serde(default)]
    body: String,
}

/// `policy_decide`'s arguments.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Decide {
    method: String,
    status: u16,
    #[serde(default)]
    body: String,
    retry_after: Option<String>,
    #[serde(default)]
    now_unix_ms: u64,
    #[serde(default = "first_attempt")]
    attempt: u32,
    #[serde(default)]
    random: u64,
    #[serde(default)]
    policy: Limits,
}

fn first_attempt() -> u32 {
    1
}

/// Overrides of the default status policy.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Limits {
    max_attempts: Option<u32>,
    base_delay_ms: Option<u64>,
    max_delay_ms: Option<u64>,
    max_retry_after_ms: Option<u64>,
}

/// `paginator_start`'s arguments.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Start {
    query: GetQuery,
    #[serde(default)]
    max_pages: u32,
}

/// `paginator_step`'s arguments.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Step {
    cursor: Cursor,
    status: u16,
    #[serde(default)]
    body: String,
    #[serde(default)]
    max_pages: u32,
}

/// Runs the JSON command `text`; gives the result's JSON, fields in the model's order.
pub(super) fn run(text: &str) -> Result<String, OpError> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let mut unknown = Vec::new();
    let command: Command =
        serde_ignored::deserialize(&mut reader, |path| unknown.push(path_text(&path)))
            .and_then(|command| reader.end().map(|()| command))
            .map_err(|error| OpError::new("invalid_json", error.to_string()))?;
    if let Some(key) = unknown.first() {
        return Err(OpError::new(
            "invalid_json",
            format!("{key:?} is not a key of a command (op, args)"),
        ));
    }
    match command.op.as_str() {
        "version" => {
            args::<NoArgs>(command.args)?;
            to_json(&env!("CARGO_PKG_VERSION"))
        }
        "get_query_encode" => to_json(&args::<GetQuery>(command.args)?.to_query_string()),
        "decode_post" => decode::<PostResponse>(command.args),
        "decode_get" => decode::<GetPage>(command.args),
        "decode_delete" => decode::<DeleteResponse>(command.args),
        "policy_decide" => policy_decide(args(command.args)?),
        "paginator_start" => paginator_start(args(command.args)?),
        "paginator_step" => paginator_step(args(command.args)?),
        "build_lote" => super::preflight_ops::build_lote(args(command.args)?),
        "preflight" => super::preflight_ops::preflight(args(command.args)?),
        "validate_event" => super::schema_ops::validate_event(&args(command.args)?),
        "live_status" => super::live_ops::live_status(&args(command.args)?),
        "live_capsule" => super::live_ops::live_capsule(&args(command.args)?),
        other => Err(OpError::new(
            "unknown_op",
            format!("{other:?} is not an op of this bridge"),
        )),
    }
}

/// The op's arguments as `T` (absent or null arguments are an empty object). A name `T` does
/// not know, at any depth, is refused with `invalid_args` naming it: names are case-sensitive.
fn args<T: DeserializeOwned>(args: Value) -> Result<T, OpError> {
    let args = match args {
        Value::Null => Value::Object(serde_json::Map::new()),
        other => other,
    };
    let mut unknown = Vec::new();
    let parsed = serde_ignored::deserialize(args, |path| unknown.push(path_text(&path)));
    let unknown = (!unknown.is_empty()).then(|| {
        let names: Vec<String> = unknown.iter().map(|name| format!("{name:?}")).collect();
        format!(
            "not an argument of this op (names are case-sensitive): {}",
            names.join(", ")
        )
    });
    match (parsed, unknown) {
        (Ok(parsed), None) => Ok(parsed),
        (Ok(_), Some(unknown)) => Err(OpError::new("invalid_args", unknown)),
        (Err(error), None) => Err(OpError::new("invalid_args", error.to_string())),
        (Err(error), Some(unknown)) => {
            Err(OpError::new("invalid_args", format!("{unknown}; {error}")))
        }
    }
}

/// Where an ignored name sits: `query.TicketCode`, `events[0].Key`.
fn path_text(path: &serde_ignored::Path<'_>) -> String {
    match path {
        serde_ignored::Path::Root => String::new(),
        serde_ignored::Path::Seq { parent, index } => format!("{}[{index}]", path_text(parent)),
        serde_ignored::Path::Map { parent, key } => match path_text(parent) {
            parent if parent.is_empty() => key.clone(),
            parent => format!("{parent}.{key}"),
        },
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => path_text(parent),
    }
}

/// The JSON of `value`, fields in declaration order (the core model's canonical layout).
pub(super) fn to_json(value: &impl Serialize) -> Result<String, OpError> {
    serde_json::to_string(value).map_err(|error| OpError::new("internal", error.to_string()))
}

fn decode<T: ReplyBody + Serialize>(args: Value) -> Result<String, OpError> {
    let received: Received = self::args(args)?;
    to_json(&Reply::<T>::decode(
        received.status,
        received.body.as_bytes(),
    )?)
}

fn policy_decide(args: Decide) -> Result<String, OpError> {
    let method = Method::from_name(&args.method.to_ascii_uppercase()).ok_or_else(|| {
        OpError::new(
            "invalid_args",
            format!("{:?} is not GET, POST or DELETE", args.method),
        )
    })?;
    let defaults = StatusPolicy::default();
    let millis = |value: Option<u64>, default| value.map_or(default, Duration::from_millis);
    let mut limits = StatusPolicy::default();
    limits.base_delay = millis(args.policy.base_delay_ms, defaults.base_delay);
    limits.max_delay = millis(args.policy.max_delay_ms, defaults.max_delay);
    limits.max_attempts = args.policy.max_attempts.unwrap_or(defaults.max_attempts);
    limits.max_retry_after = millis(args.policy.max_retry_after_ms, defaults.max_retry_after);
    let mut response = HttpResponse::new(args.status, args.body.into_bytes());
    if let Some(value) = args.retry_after {
        response.headers.insert("Retry-After", value);
    }
    let attempt = Attempt {
        number: args.attempt,
        now: SystemTime::UNIX_EPOCH + Duration::from_millis(args.now_unix_ms),
        random: args.random,
    };
    let decision = policy::decide(&limits, method, &response, attempt)?;
    to_json(&DecisionJson {
        action: decision.action.name(),
        delay_ms: decision.delay_ms,
        reason: decision.reason.name(),
    })
}

/// `policy_decide`'s result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DecisionJson {
    action: &'static str,
    delay_ms: u64,
    reason: Option<&'static str>,
}

/// The GET to send next: method, service path and query string (ADVPL adds the host).
#[derive(Serialize)]
struct RequestJson {
    method: &'static str,
    path: &'static str,
    query: String,
}

impl RequestJson {
    fn new(query: &GetQuery) -> Self {
        Self {
            method: "GET",
            path: DEFAULT_SERVICE_PATH,
            query: query.to_query_string(),
        }
    }
}

/// Why paging stopped.
#[derive(Serialize)]
struct PagingErrorJson {
    code: &'static str,
    message: String,
}

/// `paginator_start`'s result.
#[derive(Serialize)]
struct StartJson<'a> {
    cursor: &'a Cursor,
    state: &'static str,
    request: Option<RequestJson>,
}

/// `paginator_step`'s result.
#[derive(Serialize)]
struct StepJson<'a> {
    events: Vec<PageEvent>,
    cursor: &'a Cursor,
    state: &'static str,
    error: Option<PagingErrorJson>,
    request: Option<RequestJson>,
}

fn paginator_start(args: Start) -> Result<String, OpError> {
    let paginator = Paginator::with_config(args.query, paginator::config(args.max_pages))?;
    to_json(&StartJson {
        cursor: paginator.cursor(),
        state: "fetching",
        request: paginator.next_query().as_ref().map(RequestJson::new),
    })
}

fn paginator_step(args: Step) -> Result<String, OpError> {
    let mut paginator = Paginator::resume(args.cursor, paginator::config(args.max_pages))?;
    let reply = Reply::<GetPage>::decode(args.status, args.body.as_bytes())?;
    let outcome = paginator.handle_reply(reply);
    let events = std::iter::from_fn(|| paginator.poll_event()).collect();
    let (state, error) = match outcome {
        Err(error) => (
            "failed",
            Some(PagingErrorJson {
                code: error.code(),
                message: error.to_string(),
            }),
        ),
        Ok(()) if paginator.is_finished() => ("finished", None),
        Ok(()) => ("fetching", None),
    };
    to_json(&StepJson {
        events,
        cursor: paginator.cursor(),
        state,
        error,
        request: paginator.next_query().as_ref().map(RequestJson::new),
    })
}

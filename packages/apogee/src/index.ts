// The public API of Apogee. A curated list: everything exported here is documented and stable.

export { Apogee, build } from "./app/apogee.ts";
export type { Ignited } from "./app/ignited.ts";
export { LaunchError, type LaunchErrorKind } from "./app/launch-error.ts";
export { Catcher, type CatcherHandler, catcher } from "./catcher/catcher.ts";
export { parseByteSize } from "./config/byte-size.ts";
export type {
  CipherSuite,
  ConfigInput,
  MutualTlsConfig,
  PemInput,
  PemSource,
  ShutdownConfig,
  TlsConfig,
  TlsInput,
} from "./config/config.ts";
export { ConfigError, type ConfigProblem } from "./config/config-error.ts";
export { extractConfig } from "./config/extract.ts";
export {
  type ConfigLayer,
  Figment,
  type FigmentOptions,
  type Found,
  type Provider,
} from "./config/figment.ts";
export { Env, type EnvOptions, type EnvVars, Toml, type TomlFileOptions } from "./config/providers.ts";
export { SecretKey, type SecretKeyInput, type SecretKeyKind } from "./config/secret-key.ts";
export { type Contextual, contextual, type FormProblem, FormState } from "./data/contextual.ts";
export { type Capped, Data, DataStream } from "./data/data.ts";
export { DATA_ERROR_CODES, type DataError, type DataErrorCode, DataErrors } from "./data/data-error.ts";
export { choice, date, datetime, time } from "./data/field-types.ts";
export { form } from "./data/form.ts";
export { array } from "./data/form-collections.ts";
export { Form, type FormInput, type FormOf, LenientForm } from "./data/form-guard.ts";
export { map } from "./data/form-map.ts";
export {
  type FieldInput,
  type FieldOptions,
  type FieldProblem,
  type FieldSpec,
  type FieldValue,
  field,
  type Shape,
  type ShapeValue,
  type StructOptions,
} from "./data/form-struct.ts";
export {
  type DataField,
  type FormContext,
  FormFailure,
  type FormMode,
  type FormType,
  type FormValue,
  type ValueField,
} from "./data/form-type.ts";
export { lenient, strict } from "./data/form-wrappers.ts";
export { Json } from "./data/json.ts";
export { MsgPack } from "./data/msgpack.ts";
export type { SchemaOutput, StandardIssue, StandardResult, StandardSchema } from "./data/standard-schema.ts";
export { TempFile } from "./data/temp-file.ts";
export { Bytes, capped, type LimitedGuard, Text } from "./data/text.ts";
export { encodeUrlEncoded, parseUrlEncoded } from "./data/urlencoded.ts";
export { type Invalid, type Validator, validate } from "./data/validate.ts";
export { AdHoc } from "./fairing/ad-hoc.ts";
export { Compression, type CompressionOptions, type Encoding } from "./fairing/compression.ts";
export { Cors, type CorsOptions, type CorsOrigins } from "./fairing/cors.ts";
export type { Fairing, OrbitInfo } from "./fairing/fairing.ts";
export { RateLimit, type RateLimitOptions } from "./fairing/rate-limit.ts";
export {
  MemoryStore,
  type RateLimitHit,
  type RateLimitStore,
  type RedisEval,
  RedisStore,
} from "./fairing/rate-limit-store.ts";
export { RequestLog, type RequestLogOptions } from "./fairing/request-log.ts";
export { type PolicyRef, Shield } from "./fairing/shield.ts";
export {
  ExpectCt,
  type ExpectCtOptions,
  Frame,
  Hsts,
  type HstsOptions,
  NoSniff,
  Permission,
  type PermissionAllow,
  Prefetch,
  Referrer,
  type ReferrerPolicy,
  type ShieldPolicy,
  XssFilter,
} from "./fairing/shield-policies.ts";
export { Cookie, type CookieOptions, type SameSite } from "./http/cookie.ts";
export { MediaType } from "./http/media-type.ts";
export { Status } from "./http/status.ts";
export { Client, LocalRequest } from "./local/client.ts";
export { LocalResponse, type ResponseCookie, ResponseHeaders } from "./local/local-response.ts";
export type { LogFormat, LogLevel, LogSink, RequestLogEntry } from "./log/logger.ts";
export type {
  BodyDoc,
  FormDoc,
  FormFieldDoc,
  GuardDoc,
  JsonSchema,
  ParameterDoc,
  SecuritySchemeDoc,
} from "./request/api-doc.ts";
export {
  Accept,
  ClientIp,
  Config,
  ContentType,
  Host,
  Limits,
  MatchedRoute,
  Method,
  Origin,
  RemoteAddress,
} from "./request/builtin-guards.ts";
export { Certificate, type CertificateError, CertificateName } from "./request/certificate.ts";
export { CookieJar, Cookies } from "./request/cookie-jar.ts";
export {
  type DataGuard,
  dataGuard,
  type GuardOptions,
  type GuardValue,
  guard,
  type RequestGuard,
  type Sentinel,
} from "./request/guard.ts";
export {
  type StateClass,
  StateKey,
  type StateKeyLike,
  type StateValue,
  stateKey,
} from "./request/managed-state.ts";
export {
  error,
  type Failure,
  type Forward,
  forward,
  type Outcome,
  type Success,
  success,
} from "./request/outcome.ts";
export { fail, type Param, ParamError, type ParamValue, param, type SegmentsParam } from "./request/param.ts";
export {
  bool,
  f32,
  f64,
  IpAddr,
  Ipv4Addr,
  Ipv6Addr,
  i8,
  i16,
  i32,
  i64,
  i128,
  isize,
  PathBuf,
  RawStr,
  SocketAddr,
  segments,
  str,
  u8,
  u16,
  u32,
  u64,
  u128,
  usize,
  uuid,
} from "./request/param-types.ts";
export type { Request, RouteScope } from "./request/request.ts";
export { err, ok, type Result } from "./request/result.ts";
export { Shutdown } from "./request/shutdown.ts";
export { State, type StateGuard } from "./request/state.ts";
export { optional, result } from "./request/wrappers.ts";
export { BodyStream, type StreamSource } from "./response/body-stream.ts";
export { content } from "./response/content.ts";
export { Event, EventStream, type EventStreamOptions, LastEventId } from "./response/event-stream.ts";
export { Flash, FlashMessage } from "./response/flash.ts";
export { NamedFile, type NamedFileOptions } from "./response/named-file.ts";
export { Redirect } from "./response/redirect.ts";
export { type RespondOptions, respond } from "./response/respond.ts";
export type { HandlerReturn, Responded, Responder, ResponderValue } from "./response/responder.ts";
export { type Body, type HeaderValue, Response } from "./response/response.ts";
export { Created, status } from "./response/status-responders.ts";
export { ByteStream, ReaderStream, TextStream } from "./response/streams.ts";
export { FileServer, type FileServerOptions } from "./route/file-server.ts";
export {
  del,
  del as delete,
  get,
  head,
  options,
  patch,
  post,
  put,
  Route,
  type RouteBuilder,
  type RouteOptions,
  route,
  type SentinelType,
} from "./route/route.ts";
export type { ResponseDoc, RouteDoc } from "./route/route-doc.ts";
export type { HandlerInput, QueryFields } from "./route/types.ts";
export type { Orbit } from "./server/server.ts";
export type { NamedArgs, PositionalArgs, UriArgs, UriFields, UriQueryValue, UriScalar } from "./uri/types.ts";
export { type AnyRoute, type UriBuilder, type UriOptions, uri } from "./uri/uri.ts";

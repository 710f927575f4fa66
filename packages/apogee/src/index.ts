// The public API of Apogee. A curated list: everything exported here is documented and stable.

export { Apogee, build } from "./app/apogee.ts";
export type { Ignited } from "./app/ignited.ts";
export { LaunchError, type LaunchErrorKind } from "./app/launch-error.ts";
export { Catcher, type CatcherHandler, catcher } from "./catcher/catcher.ts";
export type { Config, ConfigInput, ShutdownConfig } from "./config/config.ts";
export type { Capped, Data } from "./data/data.ts";
export type { Fairing, OrbitInfo } from "./fairing/fairing.ts";
export { Shield, type ShieldPolicy } from "./fairing/shield.ts";
export { MediaType } from "./http/media-type.ts";
export type { Method } from "./http/method.ts";
export { Status } from "./http/status.ts";
export { Client, LocalRequest } from "./local/client.ts";
export { LocalResponse, type ResponseCookie, ResponseHeaders } from "./local/local-response.ts";
export type { LogLevel, LogSink } from "./log/logger.ts";
export { type DataGuard, dataGuard, type GuardValue, guard, type RequestGuard } from "./request/guard.ts";
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
export type { MatchedRoute, RemoteAddress, Request } from "./request/request.ts";
export { err, ok, type Result } from "./request/result.ts";
export { optional, result } from "./request/wrappers.ts";
export { BodyStream, type StreamSource } from "./response/body-stream.ts";
export { content } from "./response/content.ts";
export { Event, EventStream, type EventStreamOptions, LastEventId } from "./response/event-stream.ts";
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
} from "./route/route.ts";
export type { HandlerInput, QueryFields } from "./route/types.ts";
export type { Orbit } from "./server/server.ts";
export type { NamedArgs, PositionalArgs, UriArgs, UriFields, UriQueryValue, UriScalar } from "./uri/types.ts";
export { type AnyRoute, type UriBuilder, type UriOptions, uri } from "./uri/uri.ts";

/** The reason phrases of every standard HTTP status code Apogee knows. */
const REASONS: Readonly<Record<number, string>> = {
  100: "Continue",
  101: "Switching Protocols",
  102: "Processing",
  103: "Early Hints",
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  207: "Multi-Status",
  208: "Already Reported",
  226: "IM Used",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  305: "Use Proxy",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  418: "I'm a teapot",
  421: "Misdirected Request",
  422: "Unprocessable Entity",
  423: "Locked",
  424: "Failed Dependency",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  510: "Not Extended",
  511: "Network Authentication Required",
};

// Shared instances of the standard codes, filled by the static fields below.
const KNOWN = new Map<number, Status>();

/** The class of a status code, by its first digit. */
export type StatusClass =
  | "informational"
  | "success"
  | "redirection"
  | "client-error"
  | "server-error"
  | "unknown";

/**
 * An HTTP status code with its reason phrase.
 *
 * - `Status.from(code)` returns the shared instance for standard codes and a new one otherwise.
 * - Returned from a handler, a `Status` is a responder (Rocket's rules): 4xx/5xx go to the catcher,
 *   100 and 200–205 answer an empty response, anything else is an error answered with 500.
 *
 * @example
 * get("/", () => Status.NotAcceptable); // the 406 catcher answers
 */
export class Status {
  /** The numeric code, e.g. `404`. */
  readonly code: number;
  /** The reason phrase, e.g. `"Not Found"`; `undefined` for a code that has none. */
  readonly reason: string | undefined;

  private constructor(code: number, reason: string | undefined) {
    this.code = code;
    this.reason = reason;
  }

  /** The status for `code`: the shared instance for known codes, a new one otherwise. */
  static from(code: number): Status {
    return KNOWN.get(code) ?? new Status(code, REASONS[code]);
  }

  /** The reason phrase of `code`, or `undefined` when it has none. */
  static reasonOf(code: number): string | undefined {
    return REASONS[code];
  }

  /** The class of this status (`client-error` for 4xx, …). */
  get class(): StatusClass {
    const c = this.code;
    if (c >= 100 && c < 200) return "informational";
    if (c >= 200 && c < 300) return "success";
    if (c >= 300 && c < 400) return "redirection";
    if (c >= 400 && c < 500) return "client-error";
    if (c >= 500 && c < 600) return "server-error";
    return "unknown";
  }

  /** `"404 Not Found"`, or just the code when it has no reason phrase. */
  toString(): string {
    return this.reason === undefined ? String(this.code) : `${this.code} ${this.reason}`;
  }

  toJSON(): number {
    return this.code;
  }

  static readonly Continue = Status.#make(100);
  static readonly SwitchingProtocols = Status.#make(101);
  static readonly Processing = Status.#make(102);
  static readonly EarlyHints = Status.#make(103);
  static readonly Ok = Status.#make(200);
  static readonly Created = Status.#make(201);
  static readonly Accepted = Status.#make(202);
  static readonly NonAuthoritativeInformation = Status.#make(203);
  static readonly NoContent = Status.#make(204);
  static readonly ResetContent = Status.#make(205);
  static readonly PartialContent = Status.#make(206);
  static readonly MultiStatus = Status.#make(207);
  static readonly AlreadyReported = Status.#make(208);
  static readonly ImUsed = Status.#make(226);
  static readonly MultipleChoices = Status.#make(300);
  static readonly MovedPermanently = Status.#make(301);
  static readonly Found = Status.#make(302);
  static readonly SeeOther = Status.#make(303);
  static readonly NotModified = Status.#make(304);
  static readonly UseProxy = Status.#make(305);
  static readonly TemporaryRedirect = Status.#make(307);
  static readonly PermanentRedirect = Status.#make(308);
  static readonly BadRequest = Status.#make(400);
  static readonly Unauthorized = Status.#make(401);
  static readonly PaymentRequired = Status.#make(402);
  static readonly Forbidden = Status.#make(403);
  static readonly NotFound = Status.#make(404);
  static readonly MethodNotAllowed = Status.#make(405);
  static readonly NotAcceptable = Status.#make(406);
  static readonly ProxyAuthenticationRequired = Status.#make(407);
  static readonly RequestTimeout = Status.#make(408);
  static readonly Conflict = Status.#make(409);
  static readonly Gone = Status.#make(410);
  static readonly LengthRequired = Status.#make(411);
  static readonly PreconditionFailed = Status.#make(412);
  static readonly PayloadTooLarge = Status.#make(413);
  static readonly UriTooLong = Status.#make(414);
  static readonly UnsupportedMediaType = Status.#make(415);
  static readonly RangeNotSatisfiable = Status.#make(416);
  static readonly ExpectationFailed = Status.#make(417);
  static readonly ImATeapot = Status.#make(418);
  static readonly MisdirectedRequest = Status.#make(421);
  static readonly UnprocessableEntity = Status.#make(422);
  static readonly Locked = Status.#make(423);
  static readonly FailedDependency = Status.#make(424);
  static readonly UpgradeRequired = Status.#make(426);
  static readonly PreconditionRequired = Status.#make(428);
  static readonly TooManyRequests = Status.#make(429);
  static readonly RequestHeaderFieldsTooLarge = Status.#make(431);
  static readonly UnavailableForLegalReasons = Status.#make(451);
  static readonly InternalServerError = Status.#make(500);
  static readonly NotImplemented = Status.#make(501);
  static readonly BadGateway = Status.#make(502);
  static readonly ServiceUnavailable = Status.#make(503);
  static readonly GatewayTimeout = Status.#make(504);
  static readonly HttpVersionNotSupported = Status.#make(505);
  static readonly VariantAlsoNegotiates = Status.#make(506);
  static readonly InsufficientStorage = Status.#make(507);
  static readonly LoopDetected = Status.#make(508);
  static readonly NotExtended = Status.#make(510);
  static readonly NetworkAuthenticationRequired = Status.#make(511);

  static #make(code: number): Status {
    const status = new Status(code, REASONS[code]);
    KNOWN.set(code, status);
    return status;
  }
}

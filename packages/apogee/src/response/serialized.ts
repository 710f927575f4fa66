import { Status } from "../http/status.ts";
import type { Request } from "../request/request.ts";
import { jsonResponse, type Responded, type Responder } from "./responder.ts";
import { Response } from "./response.ts";

/**
 * A value serialised as compact JSON (Rocket's `Json<T>` responder): `application/json`, sized body. Unlike a
 * returned plain object, it serialises anything JSON can, strings and numbers included. A value that cannot be
 * serialised (a cycle, a bigint, a Map) answers 500 and is logged.
 */
export class JsonResponder implements Responder {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
  respondTo(req: Request): Responded {
    return jsonResponse(this.value, req);
  }
}

/**
 * A value serialised as MessagePack (Rocket's `MsgPack<T>` responder): `application/msgpack`. A value the
 * encoder refuses answers 500 and is logged.
 */
export class MsgPackResponder implements Responder {
  readonly value: unknown;
  readonly #encode: (value: unknown) => Uint8Array;
  constructor(value: unknown, encode: (value: unknown) => Uint8Array) {
    this.value = value;
    this.#encode = encode;
  }
  respondTo(req: Request): Responded {
    let bytes: Uint8Array;
    try {
      bytes = this.#encode(this.value);
    } catch (e) {
      req.log.error("A MessagePack response could not be serialised. Answering 500.", e);
      return Status.InternalServerError;
    }
    return new Response(bytes, "application/msgpack");
  }
}

// The sqlite driver against the real database: the shared behavioural suite.
import { databaseBehaviour } from "./behaviour.ts";

databaseBehaviour("sqlite");

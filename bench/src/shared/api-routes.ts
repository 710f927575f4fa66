// A realistic route table: 380 routes of a public REST API (GitHub's v3 surface), written in the `:param`
// syntax find-my-way, Hono and Express share. The router micro-benchmark matches against all of it; the HTTP
// apps mount it under `/api` so the parametric scenario runs among as many neighbours as a real API has.

/** One route of the table: method and `:param` path. */
export interface ApiRoute {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
}

const TABLE = `
GET /
GET /user
PATCH /user
GET /user/repos
POST /user/repos
GET /user/orgs
GET /user/followers
GET /user/following
GET /user/following/:username
PUT /user/following/:username
DELETE /user/following/:username
GET /user/keys
POST /user/keys
GET /user/keys/:key_id
DELETE /user/keys/:key_id
GET /user/emails
POST /user/emails
DELETE /user/emails
GET /user/starred
GET /user/starred/:owner/:repo
PUT /user/starred/:owner/:repo
DELETE /user/starred/:owner/:repo
GET /user/subscriptions
GET /user/issues
GET /user/teams
GET /user/gpg_keys
POST /user/gpg_keys
GET /user/gpg_keys/:gpg_key_id
DELETE /user/gpg_keys/:gpg_key_id
GET /user/installations
GET /user/memberships/orgs
GET /user/memberships/orgs/:org
PATCH /user/memberships/orgs/:org
GET /user/blocks
GET /user/blocks/:username
PUT /user/blocks/:username
DELETE /user/blocks/:username
GET /users
GET /users/:username
GET /users/:username/repos
GET /users/:username/orgs
GET /users/:username/gists
GET /users/:username/followers
GET /users/:username/following
GET /users/:username/following/:target_user
GET /users/:username/keys
GET /users/:username/gpg_keys
GET /users/:username/starred
GET /users/:username/subscriptions
GET /users/:username/events
GET /users/:username/events/public
GET /users/:username/events/orgs/:org
GET /users/:username/received_events
GET /users/:username/received_events/public
GET /users/:username/hovercard
GET /users/:username/packages
GET /users/:username/projects
GET /organizations
GET /orgs/:org
PATCH /orgs/:org
GET /orgs/:org/repos
POST /orgs/:org/repos
GET /orgs/:org/members
GET /orgs/:org/members/:username
DELETE /orgs/:org/members/:username
GET /orgs/:org/memberships/:username
PUT /orgs/:org/memberships/:username
DELETE /orgs/:org/memberships/:username
GET /orgs/:org/public_members
GET /orgs/:org/public_members/:username
PUT /orgs/:org/public_members/:username
DELETE /orgs/:org/public_members/:username
GET /orgs/:org/outside_collaborators
PUT /orgs/:org/outside_collaborators/:username
DELETE /orgs/:org/outside_collaborators/:username
GET /orgs/:org/teams
POST /orgs/:org/teams
GET /orgs/:org/teams/:team_slug
PATCH /orgs/:org/teams/:team_slug
DELETE /orgs/:org/teams/:team_slug
GET /orgs/:org/teams/:team_slug/members
GET /orgs/:org/teams/:team_slug/memberships/:username
PUT /orgs/:org/teams/:team_slug/memberships/:username
DELETE /orgs/:org/teams/:team_slug/memberships/:username
GET /orgs/:org/teams/:team_slug/repos
GET /orgs/:org/teams/:team_slug/repos/:owner/:repo
PUT /orgs/:org/teams/:team_slug/repos/:owner/:repo
DELETE /orgs/:org/teams/:team_slug/repos/:owner/:repo
GET /orgs/:org/teams/:team_slug/discussions
POST /orgs/:org/teams/:team_slug/discussions
GET /orgs/:org/teams/:team_slug/discussions/:discussion_number
GET /orgs/:org/hooks
POST /orgs/:org/hooks
GET /orgs/:org/hooks/:hook_id
PATCH /orgs/:org/hooks/:hook_id
DELETE /orgs/:org/hooks/:hook_id
POST /orgs/:org/hooks/:hook_id/pings
GET /orgs/:org/events
GET /orgs/:org/issues
GET /orgs/:org/projects
POST /orgs/:org/projects
GET /orgs/:org/packages
GET /orgs/:org/installations
GET /orgs/:org/blocks
GET /orgs/:org/blocks/:username
PUT /orgs/:org/blocks/:username
DELETE /orgs/:org/blocks/:username
GET /orgs/:org/actions/secrets
GET /orgs/:org/actions/secrets/:secret_name
PUT /orgs/:org/actions/secrets/:secret_name
DELETE /orgs/:org/actions/secrets/:secret_name
GET /orgs/:org/actions/runners
GET /orgs/:org/actions/runners/:runner_id
DELETE /orgs/:org/actions/runners/:runner_id
GET /repos/:owner/:repo
PATCH /repos/:owner/:repo
DELETE /repos/:owner/:repo
GET /repos/:owner/:repo/topics
PUT /repos/:owner/:repo/topics
GET /repos/:owner/:repo/languages
GET /repos/:owner/:repo/contributors
GET /repos/:owner/:repo/tags
GET /repos/:owner/:repo/teams
GET /repos/:owner/:repo/forks
POST /repos/:owner/:repo/forks
GET /repos/:owner/:repo/stargazers
GET /repos/:owner/:repo/subscribers
GET /repos/:owner/:repo/subscription
PUT /repos/:owner/:repo/subscription
DELETE /repos/:owner/:repo/subscription
GET /repos/:owner/:repo/collaborators
GET /repos/:owner/:repo/collaborators/:username
PUT /repos/:owner/:repo/collaborators/:username
DELETE /repos/:owner/:repo/collaborators/:username
GET /repos/:owner/:repo/collaborators/:username/permission
GET /repos/:owner/:repo/comments
GET /repos/:owner/:repo/comments/:comment_id
PATCH /repos/:owner/:repo/comments/:comment_id
DELETE /repos/:owner/:repo/comments/:comment_id
GET /repos/:owner/:repo/commits
GET /repos/:owner/:repo/commits/:ref
GET /repos/:owner/:repo/commits/:ref/comments
POST /repos/:owner/:repo/commits/:ref/comments
GET /repos/:owner/:repo/commits/:ref/status
GET /repos/:owner/:repo/commits/:ref/statuses
GET /repos/:owner/:repo/commits/:ref/check-runs
GET /repos/:owner/:repo/compare/:basehead
GET /repos/:owner/:repo/readme
GET /repos/:owner/:repo/readme/:dir
GET /repos/:owner/:repo/contents/:path
PUT /repos/:owner/:repo/contents/:path
DELETE /repos/:owner/:repo/contents/:path
GET /repos/:owner/:repo/tarball/:ref
GET /repos/:owner/:repo/zipball/:ref
GET /repos/:owner/:repo/keys
POST /repos/:owner/:repo/keys
GET /repos/:owner/:repo/keys/:key_id
DELETE /repos/:owner/:repo/keys/:key_id
GET /repos/:owner/:repo/downloads
GET /repos/:owner/:repo/downloads/:download_id
DELETE /repos/:owner/:repo/downloads/:download_id
GET /repos/:owner/:repo/hooks
POST /repos/:owner/:repo/hooks
GET /repos/:owner/:repo/hooks/:hook_id
PATCH /repos/:owner/:repo/hooks/:hook_id
DELETE /repos/:owner/:repo/hooks/:hook_id
POST /repos/:owner/:repo/hooks/:hook_id/tests
POST /repos/:owner/:repo/hooks/:hook_id/pings
POST /repos/:owner/:repo/merges
GET /repos/:owner/:repo/pages
POST /repos/:owner/:repo/pages
GET /repos/:owner/:repo/pages/builds
GET /repos/:owner/:repo/pages/builds/latest
GET /repos/:owner/:repo/pages/builds/:build_id
GET /repos/:owner/:repo/releases
POST /repos/:owner/:repo/releases
GET /repos/:owner/:repo/releases/latest
GET /repos/:owner/:repo/releases/tags/:tag
GET /repos/:owner/:repo/releases/:release_id
PATCH /repos/:owner/:repo/releases/:release_id
DELETE /repos/:owner/:repo/releases/:release_id
GET /repos/:owner/:repo/releases/:release_id/assets
GET /repos/:owner/:repo/releases/assets/:asset_id
PATCH /repos/:owner/:repo/releases/assets/:asset_id
DELETE /repos/:owner/:repo/releases/assets/:asset_id
GET /repos/:owner/:repo/stats/contributors
GET /repos/:owner/:repo/stats/commit_activity
GET /repos/:owner/:repo/stats/code_frequency
GET /repos/:owner/:repo/stats/participation
GET /repos/:owner/:repo/stats/punch_card
GET /repos/:owner/:repo/statuses/:sha
POST /repos/:owner/:repo/statuses/:sha
GET /repos/:owner/:repo/branches
GET /repos/:owner/:repo/branches/:branch
GET /repos/:owner/:repo/branches/:branch/protection
PUT /repos/:owner/:repo/branches/:branch/protection
DELETE /repos/:owner/:repo/branches/:branch/protection
POST /repos/:owner/:repo/branches/:branch/rename
GET /repos/:owner/:repo/events
GET /repos/:owner/:repo/notifications
PUT /repos/:owner/:repo/notifications
GET /repos/:owner/:repo/git/blobs/:file_sha
POST /repos/:owner/:repo/git/blobs
GET /repos/:owner/:repo/git/commits/:commit_sha
POST /repos/:owner/:repo/git/commits
GET /repos/:owner/:repo/git/refs
GET /repos/:owner/:repo/git/ref/:ref
POST /repos/:owner/:repo/git/refs
PATCH /repos/:owner/:repo/git/refs/:ref
DELETE /repos/:owner/:repo/git/refs/:ref
GET /repos/:owner/:repo/git/tags/:tag_sha
POST /repos/:owner/:repo/git/tags
GET /repos/:owner/:repo/git/trees/:tree_sha
POST /repos/:owner/:repo/git/trees
GET /repos/:owner/:repo/issues
POST /repos/:owner/:repo/issues
GET /repos/:owner/:repo/issues/:issue_number
PATCH /repos/:owner/:repo/issues/:issue_number
PUT /repos/:owner/:repo/issues/:issue_number/lock
DELETE /repos/:owner/:repo/issues/:issue_number/lock
GET /repos/:owner/:repo/issues/:issue_number/comments
POST /repos/:owner/:repo/issues/:issue_number/comments
GET /repos/:owner/:repo/issues/:issue_number/events
GET /repos/:owner/:repo/issues/:issue_number/labels
POST /repos/:owner/:repo/issues/:issue_number/labels
PUT /repos/:owner/:repo/issues/:issue_number/labels
DELETE /repos/:owner/:repo/issues/:issue_number/labels
DELETE /repos/:owner/:repo/issues/:issue_number/labels/:name
POST /repos/:owner/:repo/issues/:issue_number/assignees
DELETE /repos/:owner/:repo/issues/:issue_number/assignees
GET /repos/:owner/:repo/issues/:issue_number/timeline
GET /repos/:owner/:repo/issues/comments
GET /repos/:owner/:repo/issues/comments/:comment_id
PATCH /repos/:owner/:repo/issues/comments/:comment_id
DELETE /repos/:owner/:repo/issues/comments/:comment_id
GET /repos/:owner/:repo/issues/events
GET /repos/:owner/:repo/issues/events/:event_id
GET /repos/:owner/:repo/assignees
GET /repos/:owner/:repo/assignees/:assignee
GET /repos/:owner/:repo/labels
POST /repos/:owner/:repo/labels
GET /repos/:owner/:repo/labels/:name
PATCH /repos/:owner/:repo/labels/:name
DELETE /repos/:owner/:repo/labels/:name
GET /repos/:owner/:repo/milestones
POST /repos/:owner/:repo/milestones
GET /repos/:owner/:repo/milestones/:milestone_number
PATCH /repos/:owner/:repo/milestones/:milestone_number
DELETE /repos/:owner/:repo/milestones/:milestone_number
GET /repos/:owner/:repo/milestones/:milestone_number/labels
GET /repos/:owner/:repo/pulls
POST /repos/:owner/:repo/pulls
GET /repos/:owner/:repo/pulls/:pull_number
PATCH /repos/:owner/:repo/pulls/:pull_number
GET /repos/:owner/:repo/pulls/:pull_number/commits
GET /repos/:owner/:repo/pulls/:pull_number/files
GET /repos/:owner/:repo/pulls/:pull_number/merge
PUT /repos/:owner/:repo/pulls/:pull_number/merge
GET /repos/:owner/:repo/pulls/:pull_number/reviews
POST /repos/:owner/:repo/pulls/:pull_number/reviews
GET /repos/:owner/:repo/pulls/:pull_number/reviews/:review_id
GET /repos/:owner/:repo/pulls/:pull_number/comments
POST /repos/:owner/:repo/pulls/:pull_number/comments
GET /repos/:owner/:repo/pulls/:pull_number/requested_reviewers
POST /repos/:owner/:repo/pulls/:pull_number/requested_reviewers
DELETE /repos/:owner/:repo/pulls/:pull_number/requested_reviewers
GET /repos/:owner/:repo/pulls/comments
GET /repos/:owner/:repo/pulls/comments/:comment_id
PATCH /repos/:owner/:repo/pulls/comments/:comment_id
DELETE /repos/:owner/:repo/pulls/comments/:comment_id
GET /repos/:owner/:repo/actions/workflows
GET /repos/:owner/:repo/actions/workflows/:workflow_id
GET /repos/:owner/:repo/actions/workflows/:workflow_id/runs
POST /repos/:owner/:repo/actions/workflows/:workflow_id/dispatches
GET /repos/:owner/:repo/actions/runs
GET /repos/:owner/:repo/actions/runs/:run_id
DELETE /repos/:owner/:repo/actions/runs/:run_id
GET /repos/:owner/:repo/actions/runs/:run_id/jobs
GET /repos/:owner/:repo/actions/runs/:run_id/logs
POST /repos/:owner/:repo/actions/runs/:run_id/cancel
POST /repos/:owner/:repo/actions/runs/:run_id/rerun
GET /repos/:owner/:repo/actions/jobs/:job_id
GET /repos/:owner/:repo/actions/jobs/:job_id/logs
GET /repos/:owner/:repo/actions/artifacts
GET /repos/:owner/:repo/actions/artifacts/:artifact_id
DELETE /repos/:owner/:repo/actions/artifacts/:artifact_id
GET /repos/:owner/:repo/actions/secrets
GET /repos/:owner/:repo/actions/secrets/:secret_name
PUT /repos/:owner/:repo/actions/secrets/:secret_name
DELETE /repos/:owner/:repo/actions/secrets/:secret_name
POST /repos/:owner/:repo/check-runs
GET /repos/:owner/:repo/check-runs/:check_run_id
PATCH /repos/:owner/:repo/check-runs/:check_run_id
POST /repos/:owner/:repo/check-suites
GET /repos/:owner/:repo/check-suites/:check_suite_id
GET /repos/:owner/:repo/deployments
POST /repos/:owner/:repo/deployments
GET /repos/:owner/:repo/deployments/:deployment_id
DELETE /repos/:owner/:repo/deployments/:deployment_id
GET /repos/:owner/:repo/deployments/:deployment_id/statuses
POST /repos/:owner/:repo/deployments/:deployment_id/statuses
GET /repos/:owner/:repo/environments
GET /repos/:owner/:repo/environments/:environment_name
PUT /repos/:owner/:repo/environments/:environment_name
DELETE /repos/:owner/:repo/environments/:environment_name
GET /repos/:owner/:repo/license
GET /repos/:owner/:repo/traffic/views
GET /repos/:owner/:repo/traffic/clones
GET /repos/:owner/:repo/traffic/popular/paths
GET /repos/:owner/:repo/traffic/popular/referrers
POST /repos/:owner/:repo/dispatches
POST /repos/:owner/:repo/transfer
GET /repositories
GET /gists
POST /gists
GET /gists/public
GET /gists/starred
GET /gists/:gist_id
PATCH /gists/:gist_id
DELETE /gists/:gist_id
GET /gists/:gist_id/:sha
GET /gists/:gist_id/commits
GET /gists/:gist_id/forks
POST /gists/:gist_id/forks
GET /gists/:gist_id/star
PUT /gists/:gist_id/star
DELETE /gists/:gist_id/star
GET /gists/:gist_id/comments
POST /gists/:gist_id/comments
GET /gists/:gist_id/comments/:comment_id
PATCH /gists/:gist_id/comments/:comment_id
DELETE /gists/:gist_id/comments/:comment_id
GET /notifications
PUT /notifications
GET /notifications/threads/:thread_id
PATCH /notifications/threads/:thread_id
GET /notifications/threads/:thread_id/subscription
PUT /notifications/threads/:thread_id/subscription
DELETE /notifications/threads/:thread_id/subscription
GET /events
GET /feeds
GET /emojis
GET /gitignore/templates
GET /gitignore/templates/:name
GET /licenses
GET /licenses/:license
POST /markdown
POST /markdown/raw
GET /meta
GET /rate_limit
GET /search/repositories
GET /search/commits
GET /search/code
GET /search/issues
GET /search/users
GET /search/topics
GET /search/labels
GET /teams/:team_id
GET /apps/:app_slug
GET /app
GET /app/installations
GET /app/installations/:installation_id
DELETE /app/installations/:installation_id
POST /app/installations/:installation_id/access_tokens
GET /projects/:project_id
PATCH /projects/:project_id
DELETE /projects/:project_id
GET /projects/:project_id/columns
POST /projects/:project_id/columns
GET /projects/columns/:column_id
PATCH /projects/columns/:column_id
DELETE /projects/columns/:column_id
GET /projects/columns/:column_id/cards
POST /projects/columns/:column_id/cards
POST /projects/columns/:column_id/moves
GET /projects/columns/cards/:card_id
PATCH /projects/columns/cards/:card_id
DELETE /projects/columns/cards/:card_id
POST /projects/columns/cards/:card_id/moves
`;

/** The whole table, in declaration order. */
export const API_ROUTES: readonly ApiRoute[] = TABLE.trim()
  .split("\n")
  .map((line) => {
    const [method, path] = line.split(" ");
    return { method: method as ApiRoute["method"], path: path! };
  });

/** The route the parametric HTTP scenario requests (under `/api`). */
export const ISSUE_ROUTE = "/repos/:owner/:repo/issues/:issue_number";

/** `/a/:b/c` in Apogee's grammar: `/a/<b>/c`. */
export function toApogeePath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, "<$1>");
}

/**
 * The rank that gives Apogee find-my-way's priority between routes of the same shape: at the first segment where
 * two routes differ, the static one wins. Each segment is one bit, dynamic = 1, the first segment most
 * significant, so `/issues/comments/<id>` (…001) outranks `/issues/<n>/comments` (…010). A Rocket app gives the
 * less specific of two colliding routes a rank the same way. Static routes keep their default rank.
 */
export function staticFirstRank(path: string): number | undefined {
  const segments = path.split("/").filter((s) => s !== "");
  if (!segments.some((s) => s.startsWith(":"))) return undefined;
  let rank = 0;
  for (const s of segments) rank = rank * 2 + (s.startsWith(":") ? 1 : 0);
  return rank;
}

/**
 * The table in the order a first-match router (Express, Hono) needs, so that no route shadows a more specific
 * one: static routes first, then by `staticFirstRank`; ties keep table order.
 */
export const API_ROUTES_BY_SPECIFICITY: readonly ApiRoute[] = API_ROUTES.map((r, i) => ({
  r,
  i,
  rank: staticFirstRank(r.path) ?? -1,
}))
  .sort((a, b) => a.rank - b.rank || a.i - b.i)
  .map(({ r }) => r);

/** A concrete request path for `path`: each `:param` replaced by a plausible value. */
export function samplePath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => SAMPLES[name] ?? `${name}-1`);
}

const SAMPLES: Record<string, string> = {
  owner: "octocat",
  repo: "hello-world",
  username: "monalisa",
  org: "github",
  issue_number: "1347",
  pull_number: "42",
  comment_id: "9001",
  ref: "main",
  sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
};

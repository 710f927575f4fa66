// Uploads: the seed's "Streaming" example (the body streamed to a file) and a multipart upload page whose file is
// a `TempFile`, kept with `persistTo`.
import { join } from "node:path";
import { content, Data, Form, field, form, get, post, str, TempFile, validate } from "apogee";

/** `fn upload(data: Data) -> io::Result<String>`: streams a text/plain body to `path`, answers the byte count. */
export function streamUpload(path: string) {
  return post({ uri: "/upload", format: "plain", data: "<data>" }, { data: Data }, async ({ data }) => {
    const written = await data.open(128 * 1024).streamToFile(path);
    return written.value.toString();
  });
}

/** The upload page: a multipart form with a caption and a file. */
export const uploadPage = get("/files", () =>
  content.Html(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Upload</title></head>
<body>
  <form action="/files" method="post" enctype="multipart/form-data">
    <label>Caption <input type="text" name="caption"></label>
    <input type="file" name="file">
    <button type="submit">Upload</button>
  </form>
</body>
</html>`),
);

/** An uploaded file with a caption; the caption must not be empty. */
export const Upload = form({
  caption: field(str, { validate: validate.len({ min: 1, max: 100 }) }),
  file: TempFile,
});

/** Keeps the upload in `dir` under its sanitised name (the temp file would be removed with the request). */
export function receiveUpload(dir: string) {
  return post({ uri: "/files", data: "<upload>" }, { upload: Form(Upload) }, async ({ upload }) => {
    const name = upload.file.name ?? "upload";
    await upload.file.persistTo(join(dir, name));
    return `Saved "${upload.caption}" as ${name} (${upload.file.len} bytes).`;
  });
}

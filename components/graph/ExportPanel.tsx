// The "Export" part of /graph: the whole graph as Roam JSON (lossless: Loam and Roam import it
// whole) or as a zip of Roam-style markdown files. Plain links: the browser downloads what the
// routes stream (lib/server/exports.ts), so a big graph never sits in the page's memory.
export function ExportPanel() {
  return (
    <section className="export-panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p>Download your whole graph. Pages imported from Roam go back out with every field they came with.</p>
      <ul className="export-links">
        <li>
          <a href="/api/export/roam-json" download>
            Download as Roam JSON
          </a>
          <span className="export-hint"> for Roam, or to import into another Loam graph</span>
        </li>
        <li>
          <a href="/api/export/markdown" download>
            Download as markdown (zip)
          </a>
          <span className="export-hint"> a file per page, as Roam exports markdown</span>
        </li>
      </ul>
    </section>
  );
}

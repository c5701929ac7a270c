import Foundation
import KnowledgeBase

/// Server-sent events to every open tab: `event: reload` after a good rebuild, `event: status`
/// after every rebuild, and a comment now and then so proxies and browsers keep the stream open.
/// Thread-safe: rebuilds run on the watcher's thread, connections on the concurrency pool.
public final class LiveReload: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    public init() {}

    /// A new stream for one browser tab. It ends when the tab goes away (the server drops the
    /// stream, which terminates it) or when `closeAll` is called on shutdown.
    public func connect() -> AsyncStream<[UInt8]> {
        // Bounded, so a tab that stops reading cannot make the server hold events forever.
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(32))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        // `retry` makes the browser reconnect quickly after a restart of kb serve; the comment
        // makes the first bytes flow at once, so EventSource fires `open` without waiting.
        continuation.yield(Array("retry: 1000\n: verbonden met kb serve\n\n".utf8))
        lock.lock()
        clients[id] = continuation
        lock.unlock()
        return stream
    }

    public var clientCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return clients.count
    }

    public func send(event: String, data: String) {
        // A data line may not contain a newline; every line of a multi-line payload gets its own.
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        broadcast("event: \(event)\n\(lines)\n")
    }

    public func keepAlive() {
        broadcast(": keep-alive\n\n")
    }

    public func closeAll() {
        lock.lock()
        let all = clients
        clients = [:]
        lock.unlock()
        for continuation in all.values { continuation.finish() }
    }

    private func broadcast(_ text: String) {
        let bytes = Array(text.utf8)
        lock.lock()
        let all = clients
        lock.unlock()
        for (id, continuation) in all {
            if case .terminated = continuation.yield(bytes) { remove(id) }
        }
    }

    private func remove(_ id: UUID) {
        lock.lock()
        clients[id] = nil
        lock.unlock()
    }
}

/// The browser side of live reload and the error overlay, served as `/__kb/live.js`. It fetches
/// `/__kb/status` on load and on every `status` event and reloads the page on `reload`.
enum LiveScript {
    static let path = "/__kb/live.js"
    static let eventsPath = "/__kb/events"
    static let statusPath = "/__kb/status"

    /// Inserted before `</body>` of every HTML page kb serve sends, never into `kb build` output.
    static let tag = "<script src=\"\(path)\" defer></script>"

    static let source: String = """
        // kb serve: live reload and error overlay. Only served by kb serve, never part of the site.
        (function () {
          "use strict";
          var OVERLAY_ID = "kb-dev-overlay";
          var STYLE_ID = "kb-dev-overlay-style";
          var CSS = \(jsString(Overlay.css));

          function el(tag, attrs, text) {
            var node = document.createElement(tag);
            for (var key in attrs) node.setAttribute(key, attrs[key]);
            if (text !== undefined) node.textContent = text;
            return node;
          }

          // The same diagnostics give the same key, so a dismissed overlay stays away while the
          // author keeps browsing, and comes back as soon as the problems change.
          function keyOf(status) {
            return (status.diagnostics || []).map(function (d) {
              return d.file + ":" + d.line + ":" + d.column + ":" + d.message;
            }).join("\\n");
          }

          function dismissed(status) {
            try { return sessionStorage.getItem("kb-dev-overlay-dismissed") === keyOf(status); } catch (e) { return false; }
          }

          function remove() {
            var old = document.getElementById(OVERLAY_ID);
            if (old) old.parentNode.removeChild(old);
          }

          function show(status) {
            var existing = document.getElementById(OVERLAY_ID);
            var key = keyOf(status);
            if (existing && existing.getAttribute("data-key") === key) {
              // The server already put this overlay in the page; only make it work.
              if (!existing.hasAttribute("data-wired")) wire(existing, status);
              return;
            }
            remove();
            if (!document.getElementById(STYLE_ID)) {
              var style = el("style", { id: STYLE_ID });
              style.textContent = CSS;
              document.head.appendChild(style);
            }
            var errors = (status.diagnostics || []).filter(function (d) { return d.severity === "error"; }).length;
            var overlay = el("div", {
              id: OVERLAY_ID, role: "alertdialog", "aria-modal": "false",
              "aria-labelledby": "kb-dev-overlay-title", "aria-describedby": "kb-dev-overlay-intro", "data-key": key
            });
            var panel = el("div", { "class": "kb-dev-overlay-panel" });
            panel.appendChild(el("h2", { id: "kb-dev-overlay-title" }, \(jsString(Overlay.heading))));
            panel.appendChild(el("p", { id: "kb-dev-overlay-intro" },
              (errors === 1 ? \(jsString(Overlay.oneError)) : errors + \(jsString(Overlay.manyErrorsSuffix))) + " " +
              (status.hasSite ? \(jsString(Overlay.lastGoodNote)) : \(jsString(Overlay.noSiteNote)))));
            var list = el("ol", {});
            (status.diagnostics || []).forEach(function (d) {
              var item = el("li", { "class": "kb-dev-" + d.severity });
              item.appendChild(el("code", {}, d.file + ":" + d.line + ":" + d.column));
              item.appendChild(document.createTextNode(" "));
              item.appendChild(el("strong", {}, d.severity === "error" ? \(jsString(Overlay.errorLabel)) : \(jsString(Overlay.warningLabel))));
              item.appendChild(document.createTextNode(" " + d.message));
              list.appendChild(item);
            });
            panel.appendChild(list);
            panel.appendChild(el("button", { type: "button", "class": "kb-dev-overlay-close" }, \(jsString(Overlay.close))));
            overlay.appendChild(panel);
            document.body.appendChild(overlay);
            wire(overlay, status);
          }

          function wire(overlay, status) {
            overlay.setAttribute("data-wired", "");
            var button = overlay.querySelector(".kb-dev-overlay-close");
            function close() {
              try { sessionStorage.setItem("kb-dev-overlay-dismissed", keyOf(status)); } catch (e) {}
              remove();
            }
            overlay.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
            if (button) {
              button.addEventListener("click", close);
              // An alertdialog takes focus when it appears, so screen readers announce it at once.
              button.focus();
            }
          }

          function render(status) {
            if (status.ok || dismissed(status)) remove(); else show(status);
          }

          function refresh() {
            fetch(\(jsString(statusPath)), { cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(render)
              .catch(function () {});
          }

          var lostConnection = false;
          function connect() {
            var source = new EventSource(\(jsString(eventsPath)));
            source.addEventListener("reload", function () { location.reload(); });
            source.addEventListener("status", refresh);
            source.addEventListener("open", function () {
              // kb serve restarted: the site may have changed while it was away.
              if (lostConnection) location.reload();
            });
            source.addEventListener("error", function () { lostConnection = true; });
          }

          refresh();
          connect();
        })();

        """

    /// A JavaScript string literal: JSON is a subset of JavaScript; `<` is escaped too so the
    /// text can never close a script element.
    static func jsString(_ text: String) -> String {
        JSONValue.string(text).text(.foundation).replacingOccurrences(of: "<", with: "\\u003c")
    }
}

/// The error overlay as the server renders it into pages while the content has errors, so it
/// shows even before live.js runs; live.js renders the same markup from `/__kb/status`.
enum Overlay {
    static let heading = "De site kan niet worden gebouwd"
    static let oneError = "Er is 1 fout gevonden."
    static let manyErrorsSuffix = " fouten gevonden."
    static let lastGoodNote = "U ziet de laatste versie die wel lukte. De pagina ververst vanzelf zodra de fout is opgelost."
    static let noSiteNote = "Er is nog geen versie van de site die lukte. De pagina ververst vanzelf zodra de fout is opgelost."
    static let errorLabel = "fout"
    static let warningLabel = "waarschuwing"
    static let close = "Sluiten"

    static let css = """
        #kb-dev-overlay{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:flex-start;justify-content:center;\
        padding:2rem 1rem;overflow:auto;background:rgba(20,20,20,.72);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a}
        #kb-dev-overlay .kb-dev-overlay-panel{box-sizing:border-box;width:100%;max-width:60rem;background:#fff;border-top:.5rem solid #b00020;\
        border-radius:.25rem;padding:1.5rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.4)}
        #kb-dev-overlay h2{margin:0 0 .5rem;font-size:1.4rem;color:#b00020}
        #kb-dev-overlay p{margin:0 0 1rem}
        #kb-dev-overlay ol{margin:0 0 1rem;padding-left:1.5rem}
        #kb-dev-overlay li{margin:.5rem 0;overflow-wrap:anywhere}
        #kb-dev-overlay code{font:.95em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f3f3;padding:.1em .3em;border-radius:.2em}
        #kb-dev-overlay .kb-dev-error strong{color:#b00020}
        #kb-dev-overlay .kb-dev-warning strong{color:#8a5300}
        #kb-dev-overlay .kb-dev-overlay-close{font:inherit;padding:.4rem 1rem;border:2px solid #1a1a1a;border-radius:.25rem;background:#fff;color:#1a1a1a;cursor:pointer}
        #kb-dev-overlay .kb-dev-overlay-close:focus-visible{outline:3px solid #1d5fd6;outline-offset:2px}
        """

    /// The overlay for `diagnostics`, every piece of text escaped.
    static func html(diagnostics: [Diagnostic], hasSite: Bool) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let intro = (errors == 1 ? oneError : "\(errors)\(manyErrorsSuffix)") + " " + (hasSite ? lastGoodNote : noSiteNote)
        var items = ""
        for d in diagnostics {
            let label = d.severity == .error ? errorLabel : warningLabel
            items +=
                "<li class=\"kb-dev-\(d.severity.rawValue)\"><code>\(escape("\(d.file):\(d.line):\(d.column)"))</code> <strong>\(label)</strong> \(escape(d.message))</li>\n"
        }
        // Same key as live.js computes, so it adopts this overlay instead of drawing it again.
        let key = diagnostics.map { "\($0.file):\($0.line):\($0.column):\($0.message)" }.joined(separator: "\n")
        return """
            <style id="kb-dev-overlay-style">\(css)</style>
            <div id="kb-dev-overlay" role="alertdialog" aria-modal="false" aria-labelledby="kb-dev-overlay-title" aria-describedby="kb-dev-overlay-intro" data-key="\(escape(key))">
            <div class="kb-dev-overlay-panel">
            <h2 id="kb-dev-overlay-title">\(heading)</h2>
            <p id="kb-dev-overlay-intro">\(escape(intro))</p>
            <ol>
            \(items)</ol>
            <button type="button" class="kb-dev-overlay-close">\(close)</button>
            </div>
            </div>

            """
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }
}

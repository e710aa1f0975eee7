// The Mustache templates of every page and the one style sheet, embedded as string constants so
// the built binary needs no resource files. Every `{{name}}` is HTML-escaped by swift-mustache
// (`& < > " '`); the only unescaped insertion, `{{{content}}}` in the layout, takes a page body
// that was itself rendered from these templates.

enum Templates {
    static let all: [String: String] = [
        "layout": layout, "list": list, "history": history, "diff": diff, "version": version,
        "timeline": timeline, "error": error,
    ]

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · stet</title>
        <link rel="stylesheet" href="/style.css">
        {{#feedHref}}<link rel="alternate" type="application/atom+xml" title="{{feedTitle}}" href="{{feedHref}}">{{/feedHref}}
        </head>
        <body>
        <header class="site"><a class="brand" href="/">stet</a><nav><a href="/">Articles</a> <a href="/feed.atom">Feed</a></nav></header>
        <main>
        {{{content}}}
        </main>
        <footer class="site">stet keeps every version of an article. <a href="/api/articles">JSON API</a></footer>
        </body>
        </html>

        """

    static let list = """
        <h1>Tracked articles</h1>
        <form class="filters" method="get" action="/">
        <input type="search" name="q" value="{{query}}" placeholder="Search title or URL" aria-label="Search title or URL">
        <select name="site" aria-label="Site"><option value="">All sites</option>{{#sites}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/sites}}</select>
        <label><input type="checkbox" name="quotes" value="1"{{#quotes}} checked{{/quotes}}> has quote changes</label>
        <label><input type="checkbox" name="figures" value="1"{{#figures}} checked{{/figures}}> has figure changes</label>
        <label><input type="checkbox" name="today" value="1"{{#today}} checked{{/today}}> changed today (UTC)</label>
        <button type="submit">Filter</button>{{#filtered}} <a href="/">Clear</a>{{/filtered}}
        </form>
        <p class="meta">{{countText}}</p>
        {{#rows}}
        <article class="row">
        <h2><a href="{{href}}">{{title}}</a></h2>
        <p class="meta">{{#site}}{{site}} · {{/site}}{{versionsText}} · changed <time datetime="{{changedISO}}">{{changed}}</time></p>
        <p class="summary">{{#tags}}<span class="tag tag-{{kind}}">{{text}}</span> {{/tags}}{{summary}}</p>
        </article>
        {{/rows}}
        {{^rows}}<p class="empty">{{emptyText}}</p>{{/rows}}

        """

    static let history = """
        <nav class="crumbs"><a href="/">Articles</a> › history</nav>
        <h1>{{title}}</h1>
        <p class="meta">{{#site}}{{site}} · {{/site}}{{#url}}<a href="{{url}}" rel="noopener noreferrer nofollow">{{url}}</a> · {{/url}}{{versionsText}} · id <code>{{id}}</code></p>
        <p class="actions">{{#latestDiffHref}}<a class="button" href="{{latestDiffHref}}">Latest change</a> {{/latestDiffHref}}<a href="{{timelineHref}}">Quotes &amp; figures</a> · <a href="{{feedHref}}">Atom feed</a> · <a href="{{apiHref}}">JSON</a></p>
        {{#checksText}}<p class="meta">{{checksText}}</p>{{/checksText}}
        <ol class="timeline">
        {{#events}}
        <li class="event{{#isFailure}} failure{{/isFailure}}{{#isRevert}} revert{{/isRevert}}">
        {{#isVersion}}<p class="when"><a class="vnum" href="{{versionHref}}">v{{number}}</a> <time datetime="{{timeISO}}">{{time}}</time></p>
        <p class="what">{{#tags}}<span class="tag tag-{{kind}}">{{text}}</span> {{/tags}}{{#diffHref}}<a href="{{diffHref}}">{{summary}}</a>{{/diffHref}}{{^diffHref}}{{summary}}{{/diffHref}}</p>
        {{#counts}}<p class="meta">{{counts}}</p>{{/counts}}{{/isVersion}}
        {{#isFailure}}<p class="when"><span class="vnum">check</span> <time datetime="{{timeISO}}">{{time}}</time></p>
        <p class="what"><span class="tag tag-failed">failed check</span> {{summary}}</p>{{/isFailure}}
        </li>
        {{/events}}
        </ol>
        {{#noVersions}}<p class="empty">No versions yet.</p>{{/noVersions}}

        """

    static let diff = """
        <nav class="crumbs"><a href="/">Articles</a> › <a href="{{articleHref}}">history</a> › diff</nav>
        <article class="diff">
        <h1>{{title}}</h1>
        <p class="sides"><span class="side-old">from <a href="{{fromHref}}">version {{fromNumber}}</a> · <time datetime="{{fromISO}}">{{fromTime}}</time></span>
        <span class="side-new">to <a href="{{toHref}}">version {{toNumber}}</a> · <time datetime="{{toISO}}">{{toTime}}</time></span></p>
        <p class="summary"><strong>{{summary}}</strong></p>
        {{#countsText}}<p class="meta">{{countsText}}</p>{{/countsText}}
        <nav class="pager">{{#prevHref}}<a href="{{prevHref}}" rel="prev">← previous change</a>{{/prevHref}}{{^prevHref}}<span class="off">← previous change</span>{{/prevHref}}
        <a href="{{toggleHref}}" class="toggle">{{toggleText}}</a>
        {{#nextHref}}<a href="{{nextHref}}" rel="next">next change →</a>{{/nextHref}}{{^nextHref}}<span class="off">next change →</span>{{/nextHref}}</nav>
        {{#hiddenMinorText}}<p class="meta hidden-minor">{{hiddenMinorText}}</p>{{/hiddenMinorText}}
        {{#noChanges}}<p class="empty">These versions say the same thing.</p>{{/noChanges}}
        {{#blocks}}
        {{#isUnchanged}}<details class="unchanged-paragraphs"><summary>{{unchangedLabel}}</summary>{{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}</details>{{/isUnchanged}}
        {{#isSection}}<section class="paragraph{{#removedParagraph}} removed-paragraph{{/removedParagraph}}">
        <h2>{{heading}}</h2>
        {{#items}}
        {{#isContext}}<p class="context">{{text}}</p>{{/isContext}}
        {{#isCollapsed}}<details class="collapsed"><summary>{{collapsedLabel}}</summary>{{#collapsed}}<p class="context">{{.}}</p>{{/collapsed}}</details>{{/isCollapsed}}
        {{#isChange}}<div class="change {{kind}}{{#minor}} is-minor{{/minor}}">
        <p class="label"><span class="mark" aria-hidden="true">{{symbol}}</span> <span class="action">{{action}}</span>{{#facets}} <span class="facet facet-{{kind}}">{{text}}</span>{{/facets}}{{#minor}} <span class="minor">minor</span>{{/minor}}</p>
        {{#isEdited}}<p class="text">{{#spans}}{{#equal}}{{text}}{{/equal}}{{#deleted}}<del>{{text}}</del>{{/deleted}}{{#inserted}}<ins>{{text}}</ins>{{/inserted}}{{/spans}}</p>{{/isEdited}}
        {{#added}}<p class="text"><ins>{{.}}</ins></p>{{/added}}
        {{#removed}}<p class="text"><del>{{.}}</del></p>{{/removed}}
        {{#unchanged}}<p class="text moved-text">{{.}}</p>{{/unchanged}}
        </div>{{/isChange}}
        {{/items}}
        </section>{{/isSection}}
        {{/blocks}}
        </article>
        <p class="meta"><a href="{{jsonHref}}">This diff as stet.diff/1 JSON</a></p>

        """

    static let version = """
        <nav class="crumbs"><a href="/">Articles</a> › <a href="{{articleHref}}">history</a> › version {{number}}</nav>
        <article class="version">
        <p class="meta">Version {{number}} of {{versionCount}} · captured <time datetime="{{capturedISO}}">{{captured}}</time>{{#site}} · {{site}}{{/site}}</p>
        {{#facts}}<p class="meta">{{.}}</p>{{/facts}}
        <nav class="pager">{{#prevHref}}<a href="{{prevHref}}" rel="prev">← v{{prevNumber}}</a>{{/prevHref}}{{#diffHref}} <a href="{{diffHref}}">what changed in v{{number}}</a>{{/diffHref}}{{#nextHref}} <a href="{{nextHref}}" rel="next">v{{nextNumber}} →</a>{{/nextHref}}</nav>
        {{#hasBlame}}<p class="legend">Shading shows the version that introduced each sentence: {{#legend}}<a class="swatch b{{shade}}" href="{{href}}">v{{number}}</a> {{/legend}}</p>{{/hasBlame}}
        {{#blocks}}
        {{#isHeadline}}<h1>{{#sentences}}<span class="s b{{shade}}" title="{{origin}}">{{text}}</span> {{/sentences}}</h1>{{/isHeadline}}
        {{#isHeading}}<h2>{{#sentences}}<span class="s b{{shade}}" title="{{origin}}">{{text}}</span> {{/sentences}}</h2>{{/isHeading}}
        {{#isMeta}}<p class="meta">{{#sentences}}<span class="s b{{shade}}" title="{{origin}}">{{text}}</span> {{/sentences}}</p>{{/isMeta}}
        {{#isQuote}}<blockquote><p>{{#sentences}}<span class="s b{{shade}}" title="{{origin}}">{{text}}</span> {{/sentences}}</p></blockquote>{{/isQuote}}
        {{#isItem}}<ul><li>{{#sentences}}<span class="s b{{shade}}" title="{{origin}}">{{text}}</span> {{/sentences}}</li></ul>{{/isItem}}
        {{#isParagraph}}<p>{{#sentences}}<span class="s b{{shade}}" title="{{origin}}">{{text}}</span> {{/sentences}}</p>{{/isParagraph}}
        {{/blocks}}
        </article>
        {{#url}}<p class="meta">Source: <a href="{{url}}" rel="noopener noreferrer nofollow">{{url}}</a></p>{{/url}}

        """

    static let timeline = """
        <nav class="crumbs"><a href="/">Articles</a> › <a href="{{articleHref}}">history</a> › quotes &amp; figures</nav>
        <h1>{{title}}</h1>
        <p class="meta">Quotes and figures across {{versionsText}}, most recently changed first. Each square is a version: <span class="cell cell-added"></span> added, <span class="cell cell-changed"></span> changed, <span class="cell cell-present"></span> unchanged, <span class="cell cell-removed"></span> removed, <span class="cell cell-absent"></span> not there.</p>
        {{#groups}}
        <h2>{{heading}}</h2>
        {{#entries}}
        <div class="tl-entry{{#gone}} gone{{/gone}}">
        <p class="tl-head"><span class="tag tag-{{kind}}">{{kind}}</span> {{#label}}<strong>{{label}}</strong> {{/label}}<span class="meta">{{span}}</span></p>
        <p class="cells" aria-hidden="true">{{#cells}}<span class="cell cell-{{state}}" title="{{title}}"></span>{{/cells}}</p>
        <ol class="tl-events">{{#events}}<li><a href="{{href}}">v{{version}}</a> <span class="ev-{{change}}">{{change}}</span>{{#text}} <q>{{text}}</q>{{/text}}</li>{{/events}}</ol>
        </div>
        {{/entries}}
        {{^entries}}<p class="empty">{{emptyText}}</p>{{/entries}}
        {{/groups}}

        """

    static let error = """
        <h1>{{heading}}</h1>
        <p>{{message}}</p>
        <p><a href="{{backHref}}">{{backText}}</a></p>

        """

    /// The one style sheet, served at `/style.css`: readable on a phone, light and dark.
    static let stylesheet = """
        :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--link:#0969da;--ins:#dafbe1;--del:#ffebe9;--delfg:#82071e;--chip:#eef1f4}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--link:#4493f8;--ins:#1f3d2a;--del:#4a1f24;--delfg:#ffdcd7;--chip:#262c36}}
        *{box-sizing:border-box}
        body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:48rem;margin:0 auto;padding:0 1rem 2rem;color:var(--fg);background:var(--bg)}
        a{color:var(--link);overflow-wrap:anywhere}
        header.site{display:flex;gap:1rem;align-items:baseline;justify-content:space-between;padding:.75rem 0;border-bottom:1px solid var(--line);margin-bottom:1rem}
        header.site .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg);letter-spacing:.02em}
        header.site nav a{margin-left:.75rem}
        footer.site{margin-top:3rem;padding-top:.75rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
        h1{font-size:1.45rem;line-height:1.25;margin:.5rem 0}
        h2{font-size:1.1rem;margin:1.25rem 0 .4rem}
        .meta,.crumbs,.sides{color:var(--muted);font-size:.9rem;margin:.25rem 0}
        .crumbs a{color:var(--muted)}
        .sides span{display:block}
        code{font-size:.85em;overflow-wrap:anywhere}
        .empty{color:var(--muted);font-style:italic}
        .filters{display:flex;flex-wrap:wrap;gap:.5rem .9rem;align-items:center;margin:.75rem 0;font-size:.9rem}
        .filters input[type=search]{flex:1 1 14rem;padding:.4rem .5rem;font:inherit;border:1px solid var(--line);border-radius:.4rem;background:var(--bg);color:var(--fg)}
        .filters select,.filters button{font:inherit;padding:.3rem .5rem}
        article.row{padding:.6rem 0;border-bottom:1px solid var(--line)}
        article.row h2{margin:0;font-size:1.05rem}
        article.row .summary{margin:.2rem 0}
        .tag{display:inline-block;font-size:.75rem;line-height:1.5;padding:0 .4rem;border-radius:.6rem;background:var(--chip);white-space:nowrap;font-weight:600}
        .tag-quote,.facet-quote{background:#ddf4ff;color:#0550ae}.tag-figure,.facet-figure{background:#fff8c5;color:#7d4e00}
        .tag-note,.facet-note{background:#fbefff;color:#6639ba}.tag-revert{background:#ffebe9;color:#a40e26}
        .tag-failed{background:#ffebe9;color:#a40e26}.tag-first{background:#dafbe1;color:#116329}.tag-headline{background:#ddf4ff;color:#0a3069}
        ol.timeline{list-style:none;padding:0;margin:1rem 0;border-left:2px solid var(--line)}
        ol.timeline li{position:relative;padding:.1rem 0 .8rem 1rem}
        ol.timeline li::before{content:"";position:absolute;left:-7px;top:.55rem;width:12px;height:12px;border-radius:50%;background:var(--bg);border:2px solid var(--link)}
        ol.timeline li.failure::before{border-color:#cf222e}ol.timeline li.revert::before{border-color:#bf8700}
        .when,.what{margin:0}.vnum{font-weight:700;margin-right:.4rem}
        time{font-variant-numeric:tabular-nums;color:var(--muted)}
        .button{display:inline-block;padding:.2rem .7rem;margin-right:.5rem;border:1px solid var(--link);border-radius:.4rem;text-decoration:none}
        .pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;margin:.75rem 0;font-size:.9rem}
        .pager .off{color:var(--muted)}
        .diff .summary{font-size:1.05rem;margin:.5rem 0}
        .diff section{margin:1rem 0}
        .diff section h2{font-size:.85rem;color:var(--muted);border-bottom:1px solid var(--line);margin:1.25rem 0 .5rem;font-weight:600}
        .change{margin:.5rem 0 .9rem;padding:.35rem .6rem;border-left:3px solid var(--line);border-radius:0 .3rem .3rem 0}
        .change.added{border-color:#1a7f37}.change.removed{border-color:#cf222e}.change.edited{border-color:#bf8700}
        .change.moved{border-color:#0969da}.change.split,.change.merged{border-color:#8250df}
        .change.is-minor{opacity:.8}
        .label{font-size:.85rem;font-weight:600;margin:0 0 .2rem}
        .added .label{color:#1a7f37}.removed .label{color:#cf222e}.edited .label{color:#9a6700}.moved .label{color:#0969da}.split .label,.merged .label{color:#8250df}
        .facet{display:inline-block;font-size:.78rem;padding:0 .4rem;border-radius:.6rem;margin-left:.25rem;font-weight:600}
        .minor{font-weight:normal;color:var(--muted);font-size:.8rem}
        .text{margin:.1rem 0}
        .context{color:var(--muted);margin:.2rem 0 .2rem .7rem}
        details{margin:.3rem 0 .3rem .7rem;color:var(--muted)}
        details summary{cursor:pointer;font-size:.85rem}
        ins{background:var(--ins);text-decoration:none;border-radius:.2rem}
        del{background:var(--del);color:var(--delfg);border-radius:.2rem}
        del+ins,ins+del{margin-left:.2em}
        .legend{font-size:.85rem;color:var(--muted)}
        .swatch{display:inline-block;padding:0 .4rem;border-radius:.3rem;text-decoration:none;color:var(--fg)}
        .version .s.b0{background:transparent}
        .b1{background:#fff8c5}.b2{background:#ddf4ff}.b3{background:#fbefff}.b4{background:#dafbe1}.b5{background:#ffebe9}.b6{background:#eaeef2}
        @media (prefers-color-scheme:dark){.b1{background:#3b2e00}.b2{background:#0c2d4a}.b3{background:#2e1a47}.b4{background:#12361f}.b5{background:#4a1f24}.b6{background:#262c36}
        .tag-quote,.facet-quote{background:#0c2d4a;color:#a5d6ff}.tag-figure,.facet-figure{background:#3b2e00;color:#f2cc60}.tag-note,.facet-note{background:#2e1a47;color:#d2a8ff}
        .tag-revert,.tag-failed{background:#4a1f24;color:#ffa198}.tag-first{background:#12361f;color:#7ee787}.tag-headline{background:#0c2d4a;color:#a5d6ff}}
        .version blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--line)}
        .tl-entry{padding:.4rem 0;border-bottom:1px solid var(--line)}.tl-entry.gone{opacity:.7}
        .tl-head{margin:0}.tl-events{margin:.2rem 0 0;padding-left:1.2rem;font-size:.92rem}
        .cells{margin:.2rem 0;line-height:0}
        .cell{display:inline-block;width:.8rem;height:.8rem;margin:0 2px 2px 0;border-radius:2px;background:var(--line)}
        .cell-absent{background:transparent;border:1px dashed var(--line)}.cell-present{background:#8c959f}
        .cell-added{background:#1a7f37}.cell-edited,.cell-changed{background:#bf8700}.cell-removed{background:#cf222e}
        .ev-removed{color:#cf222e}.ev-added{color:#1a7f37}.ev-changed,.ev-edited{color:#9a6700}
        @media (max-width:30rem){body{font-size:15px;padding:0 .7rem 2rem}h1{font-size:1.25rem}.change{padding:.3rem .45rem}}

        """
}

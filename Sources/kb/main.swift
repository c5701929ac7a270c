import KnowledgeBase
let d = Markdown.render("## Geleerde lessen\n\nHallo [x](a.md#b) *wereld* <script>x</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] klaar\n\nVoet[^1]\n\n[^1]: noot\n\n## Geleerde lessen\n", lineOffset: 10) { $0.hasSuffix(".md#b") ? "/x/" : nil }
print(d.html); print(d.plainText); print(d.headings); print(d.links)

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Reader</source>
        <translation>Informazioni su Reader</translation>
    </message>
    <message>
        <source>An offline reader for the articles you keep.</source>
        <translation>Un lettore senza connessione per gli articoli che conservi.</translation>
    </message>
    <message>
        <source>Built with Qt {qt} and PySide6 {pyside}.</source>
        <translation>Realizzato con Qt {qt} e PySide6 {pyside}.</translation>
    </message>
    <message>
        <source>Bundled components and their licenses</source>
        <translation>Componenti inclusi e relative licenze</translation>
    </message>
    <message>
        <source>Cache:</source>
        <translation>Cache:</translation>
    </message>
    <message>
        <source>Library:</source>
        <translation>Libreria:</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Reader stays open and nothing was half-written. If something looks wrong, restart Reader. The details are in the log file:
{path}</source>
        <translation>Reader resta aperto e nulla è stato scritto a metà. Se qualcosa non sembra a posto, riavvia Reader. I dettagli sono nel file di log:
{path}</translation>
    </message>
    <message>
        <source>Reader: unexpected error</source>
        <translation>Reader: errore imprevisto</translation>
    </message>
    <message>
        <source>Something went wrong: {message}</source>
        <translation>Qualcosa è andato storto: {message}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Close (Esc)</source>
        <translation>Chiudi (Esc)</translation>
    </message>
    <message>
        <source>Find in article</source>
        <translation>Trova nell’articolo</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Trova:</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Corrispondenza successiva (F3)</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nessuna corrispondenza</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Corrispondenza precedente (Shift+F3)</translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation>{current} di {total}</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;About Reader</source>
        <translation>&amp;Informazioni su Reader</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;uto</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>User &amp;Guide</source>
        <translation>&amp;Guida utente</translation>
    </message>
</context>
<context>
    <name>Highlighter</name>
    <message>
        <source>&amp;Highlight</source>
        <translation>Evi&amp;denzia</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blu</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Verde</translation>
    </message>
    <message>
        <source>Highlight with a Note</source>
        <translation>Evidenzia con una nota</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>Rosa</translation>
    </message>
    <message>
        <source>Select some text to highlight</source>
        <translation>Seleziona del testo da evidenziare</translation>
    </message>
    <message>
        <source>With a &amp;Note…</source>
        <translation>Con una &amp;nota…</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Giallo</translation>
    </message>
</context>
<context>
    <name>HighlightsDock</name>
    <message>
        <source>(no longer in the text)</source>
        <translation>(non è più nel testo)</translation>
    </message>
    <message>
        <source>Hi&amp;ghlights</source>
        <translation>&amp;Elenco delle evidenziazioni</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>Evidenziazioni</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>&amp;Inbox Folder</source>
        <translation>Cartella di &amp;arrivo</translation>
    </message>
    <message>
        <source>&amp;Stop Watching</source>
        <translation>&amp;Smetti di osservare</translation>
    </message>
    <message>
        <source>&amp;Watch a Folder…</source>
        <translation>&amp;Osserva una cartella…</translation>
    </message>
    <message>
        <source>Files saved into this folder are imported, then moved to its “imported” folder</source>
        <translation>I file salvati in questa cartella vengono importati, poi spostati nella sua cartella “imported”</translation>
    </message>
    <message>
        <source>Inbox folder</source>
        <translation>Cartella di arrivo</translation>
    </message>
    <message>
        <source>Inbox: %s</source>
        <translation>Cartella di arrivo: %s</translation>
    </message>
    <message>
        <source>No inbox folder</source>
        <translation>Nessuna cartella di arrivo</translation>
    </message>
    <message>
        <source>what failed is in %s</source>
        <translation>ciò che non è riuscito è in %s</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>Follow System</source>
        <translation>Segui il sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Reader will follow the system language the next time it starts.</source>
        <translation>Dal prossimo avvio Reader userà la lingua del sistema.</translation>
    </message>
    <message>
        <source>Reader will speak {language} the next time it starts.</source>
        <translation>Dal prossimo avvio Reader sarà in {language}.</translation>
    </message>
</context>
<context>
    <name>LayoutController</name>
    <message>
        <source>&amp;Distraction-Free Reading</source>
        <translation>Lettura senza distra&amp;zioni</translation>
    </message>
    <message>
        <source>Show &amp;Library</source>
        <translation>Mostra la li&amp;breria</translation>
    </message>
    <message>
        <source>Show &amp;Related Panel</source>
        <translation>Mostra il pannello dei c&amp;orrelati</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Preferito</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>not starred</source>
        <translation>non tra i preferiti</translation>
    </message>
    <message>
        <source>starred</source>
        <translation>tra i preferiti</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>All categories</source>
        <translation>Tutte le categorie</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Tutti i tag</translation>
    </message>
    <message>
        <source>No articles match these filters.</source>
        <translation>Nessun articolo corrisponde a questi filtri.</translation>
    </message>
    <message>
        <source>Show All Articles</source>
        <translation>Mostra tutti gli articoli</translation>
    </message>
    <message>
        <source>Show one category</source>
        <translation>Mostra una sola categoria</translation>
    </message>
    <message>
        <source>Show one tag</source>
        <translation>Mostra un solo tag</translation>
    </message>
    <message>
        <source>Show only articles not read yet</source>
        <translation>Mostra solo gli articoli non ancora letti</translation>
    </message>
    <message>
        <source>Show only starred articles</source>
        <translation>Mostra solo gli articoli preferiti</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Preferiti</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Non letti</translation>
    </message>
</context>
<context>
    <name>LinkNotOpenedDialog</name>
    <message>
        <source>Copy Link</source>
        <translation>Copia collegamento</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Collegamento non aperto</translation>
    </message>
    <message>
        <source>No web browser could open this link. Copy it to open it by hand:</source>
        <translation>Nessun browser ha potuto aprire questo collegamento. Copialo per aprirlo a mano:</translation>
    </message>
</context>
<context>
    <name>LiveLibrary</name>
    <message>
        <source>Reading library</source>
        <translation>Lettura della libreria</translation>
    </message>
    <message>
        <source>“%s” is no longer in the library folder</source>
        <translation>“%s” non è più nella cartella della libreria</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n articolo</numerusform>
            <numerusform>%n articoli</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n mostrato</numerusform>
            <numerusform>%n mostrati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n non letto</numerusform>
            <numerusform>%n non letti</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Articolo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Vai</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>V&amp;isualizza</translation>
    </message>
    <message>
        <source>Could not delete: {error}</source>
        <translation>Impossibile eliminare: {error}</translation>
    </message>
    <message>
        <source>Could not restore: {error}</source>
        <translation>Impossibile ripristinare: {error}</translation>
    </message>
    <message>
        <source>Could not show this article: {message}</source>
        <translation>Impossibile mostrare questo articolo: {message}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>Esportato {path}</translation>
    </message>
    <message>
        <source>Import: {imported} imported, {skipped} skipped, {failed} failed</source>
        <translation>Importazione: {imported} importati, {skipped} saltati, {failed} non riusciti</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>Indicizzazione</translation>
    </message>
    <message>
        <source>Indexing failed: {message}</source>
        <translation>Indicizzazione non riuscita: {message}</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra principale</translation>
    </message>
    <message>
        <source>Mark Read &amp;Automatically</source>
        <translation>Segna come letto &amp;automaticamente</translation>
    </message>
    <message>
        <source>Moved “{title}” to the trash — Ctrl+Z to undo</source>
        <translation>“{title}” spostato nel cestino — Ctrl+Z per annullare</translation>
    </message>
    <message>
        <source>Nothing in your library relates to this article yet.</source>
        <translation>Nella tua libreria non c’è ancora nulla di correlato a questo articolo.</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Apertura…</translation>
    </message>
    <message>
        <source>Reading theme</source>
        <translation>Tema di lettura</translation>
    </message>
    <message>
        <source>Restored “{title}”</source>
        <translation>“{title}” ripristinato</translation>
    </message>
    <message>
        <source>Search index up to date</source>
        <translation>Indice di ricerca aggiornato</translation>
    </message>
    <message>
        <source>Search unavailable: {error}</source>
        <translation>Ricerca non disponibile: {error}</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Theme: {name}</source>
        <translation>Tema: {name}</translation>
    </message>
    <message>
        <source>{title} — Reader</source>
        <translation>{title} — Reader</translation>
    </message>
</context>
<context>
    <name>Organiser</name>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ripeti:</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla:</translation>
    </message>
    <message>
        <source>Edit &amp;Tags and Category…</source>
        <translation>Modifica &amp;etichette e categoria…</translation>
    </message>
    <message>
        <source>Edit Tags and Category</source>
        <translation>Modifica etichette e categoria</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Esporta PDF</translation>
    </message>
    <message>
        <source>Export to PDF…</source>
        <translation>Esporta in PDF…</translation>
    </message>
    <message>
        <source>Exporting PDF</source>
        <translation>Esportazione PDF</translation>
    </message>
    <message>
        <source>Mark as Read</source>
        <translation>Segna come letto</translation>
    </message>
    <message>
        <source>Mark as Unread</source>
        <translation>Segna come non letto</translation>
    </message>
    <message>
        <source>Move 1 Article to Trash</source>
        <translation>Sposta 1 articolo nel cestino</translation>
    </message>
    <message>
        <source>Move {count} Articles to Trash</source>
        <translation>Sposta {count} articoli nel cestino</translation>
    </message>
    <message>
        <source>Move “{title}” to Trash</source>
        <translation>Sposta «{title}» nel cestino</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Rena&amp;me Tag…</source>
        <translation>&amp;Rinomina un’etichetta…</translation>
    </message>
    <message>
        <source>Rename Tag “{old}” to “{new}”</source>
        <translation>Rinomina l’etichetta «{old}» in «{new}»</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>Aggiungi ai preferiti</translation>
    </message>
    <message>
        <source>The library has no tags yet</source>
        <translation>La libreria non ha ancora etichette</translation>
    </message>
    <message>
        <source>Unstar</source>
        <translation>Togli dai preferiti</translation>
    </message>
</context>
<context>
    <name>OutlineDock</name>
    <message>
        <source>&amp;Outline</source>
        <translation>&amp;Struttura</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Struttura</translation>
    </message>
    <message>
        <source>The article&apos;s headings (Ctrl+Shift+O)</source>
        <translation>I titoli delle sezioni dell’articolo (Ctrl+Shift+O)</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation>Pre&amp;ferenze…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source> characters</source>
        <translation> caratteri</translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation>&amp;Carattere:</translation>
    </message>
    <message>
        <source>&amp;Line width:</source>
        <translation>&amp;Larghezza della riga:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>Mark as &amp;read:</source>
        <translation>Segna come lett&amp;o:</translation>
    </message>
    <message>
        <source>PDF p&amp;age size:</source>
        <translation>&amp;Formato pagina del PDF:</translation>
    </message>
    <message>
        <source>Paragraph s&amp;pacing:</source>
        <translation>&amp;Spaziatura tra i paragrafi:</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Preferenze</translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation>&amp;Dimensione del testo:</translation>
    </message>
    <message>
        <source>Theme default (serif)</source>
        <translation>Predefinito del tema (con grazie)</translation>
    </message>
    <message>
        <source>Usual for my country</source>
        <translation>Quello in uso nel mio paese</translation>
    </message>
</context>
<context>
    <name>ProblemsButton</name>
    <message>
        <source>Article files Reader could not read, and sync conflict copies</source>
        <translation>File di articoli che Reader non ha potuto leggere e copie in conflitto della sincronizzazione</translation>
    </message>
    <message>
        <source>⚠ %1 problems</source>
        <translation>⚠ %1 problemi</translation>
    </message>
    <message>
        <source>⚠ 1 problem</source>
        <translation>⚠ 1 problema</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Could not keep this version</source>
        <translation>Impossibile tenere questa versione</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Keep the article</source>
        <translation>Tieni l’articolo</translation>
    </message>
    <message>
        <source>Keep the article as it is; the copy goes to the trash</source>
        <translation>Tieni l’articolo com’è; la copia va nel cestino</translation>
    </message>
    <message>
        <source>Keep the copy</source>
        <translation>Tieni la copia</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Apri cartella</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Problems in the library</source>
        <translation>Problemi nella libreria</translation>
    </message>
    <message>
        <source>Put the copy in the article&apos;s place; the article&apos;s version goes to the trash</source>
        <translation>Metti la copia al posto dell’articolo; la versione dell’articolo va nel cestino</translation>
    </message>
    <message>
        <source>Sync conflict copy of “%1” (%2): keep one version</source>
        <translation>Copia in conflitto di “%1” (%2): tieni una sola versione</translation>
    </message>
    <message>
        <source>These files in the library folder are not shown. Nothing was changed or deleted: fix or remove a file by hand, and Reader reads it again.</source>
        <translation>Questi file nella cartella della libreria non vengono mostrati. Nulla è stato modificato o eliminato: correggi o rimuovi un file a mano e Reader lo rileggerà.</translation>
    </message>
</context>
<context>
    <name>ReadMarks</name>
    <message>
        <source>Could not change the read mark: {error}</source>
        <translation>Impossibile cambiare lo stato di lettura: {error}</translation>
    </message>
    <message>
        <source>Marked as read</source>
        <translation>Segnato come letto</translation>
    </message>
    <message>
        <source>Marked as unread</source>
        <translation>Segnato come non letto</translation>
    </message>
</context>
<context>
    <name>ReadingProgress</name>
    <message>
        <source>Reading &amp;Speed…</source>
        <translation>&amp;Velocità di lettura…</translation>
    </message>
    <message>
        <source>Reading Speed</source>
        <translation>Velocità di lettura</translation>
    </message>
    <message>
        <source>Words you read in a minute:</source>
        <translation>Parole che leggi in un minuto:</translation>
    </message>
    <message>
        <source>{percent}% · at the end</source>
        <translation>{percent}% · alla fine</translation>
    </message>
    <message>
        <source>{percent}% · {minutes} min left</source>
        <translation>{percent}% · mancano {minutes} min</translation>
    </message>
    <message>
        <source>{words} words at {speed} words a minute</source>
        <translation>{words} parole a {speed} parole al minuto</translation>
    </message>
</context>
<context>
    <name>RelatedModel</name>
    <message>
        <source>Linked from</source>
        <translation>Collegato da</translation>
    </message>
    <message>
        <source>Not in your library: click for the closest articles to “{title}”</source>
        <translation>Non è nella tua libreria: fai clic per gli articoli più vicini a “{title}”</translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation>Articoli correlati</translation>
    </message>
    <message>
        <source>Similar in your library</source>
        <translation>Simili nella tua libreria</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>not in your library</source>
        <translation>non è nella tua libreria</translation>
    </message>
</context>
<context>
    <name>RenameTagDialog</name>
    <message>
        <source>&amp;New name:</source>
        <translation>&amp;Nuovo nome:</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Etichetta:</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>Rinomina un’etichetta</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search is not available</source>
        <translation>La ricerca non è disponibile</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search your library  (Ctrl+K)</source>
        <translation>Cerca nella libreria  (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Missing: {words}</source>
        <translation>Mancano: {words}</translation>
    </message>
</context>
<context>
    <name>SearchResultsPanel</name>
    <message>
        <source> — did you mean {link}?</source>
        <translation> — forse cercavi {link}?</translation>
    </message>
    <message numerus="yes">
        <source>%n more lack(s) some of the words</source>
        <translation>
            <numerusform>a un altro mancano alcune parole</numerusform>
            <numerusform>ad altri %n mancano alcune parole</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) for “{query}”</source>
        <translation>
            <numerusform>%n risultato per “{query}”</numerusform>
            <numerusform>%n risultati per “{query}”</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a file for it…</source>
        <translation>Importa un file per questo articolo…</translation>
    </message>
    <message>
        <source>Searching for “{query}”…</source>
        <translation>Ricerca di “{query}”…</translation>
    </message>
    <message>
        <source>“{title}” is not in your library, nor anything like it.</source>
        <translation>“{title}” non è nella tua libreria, e nemmeno qualcosa di simile.</translation>
    </message>
    <message>
        <source>“{title}” is not in your library. Closest articles:</source>
        <translation>“{title}” non è nella tua libreria. Gli articoli più vicini:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasti</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
</context>
<context>
    <name>TagsDialog</name>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Categoria:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Etichette:</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(invariata)</translation>
    </message>
    <message>
        <source>Edit Tags and Category</source>
        <translation>Modifica etichette e categoria</translation>
    </message>
    <message>
        <source>Edit Tags and Category of {count} Articles</source>
        <translation>Modifica etichette e categoria di {count} articoli</translation>
    </message>
    <message>
        <source>Tags shown are those all {count} articles share; others are kept.</source>
        <translation>Sono mostrate le etichette comuni a tutti i {count} articoli; le altre restano.</translation>
    </message>
    <message>
        <source>no category</source>
        <translation>nessuna categoria</translation>
    </message>
    <message>
        <source>tags, separated by commas</source>
        <translation>etichette, separate da virgole</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Articles (*.txt *.md *.markdown *.text *.html *.htm *.json *.xml *.rss *.atom);;All files (*)</source>
        <translation>Articoli (*.txt *.md *.markdown *.text *.html *.htm *.json *.xml *.rss *.atom);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Esporta PDF</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Esportazione non riuscita</translation>
    </message>
    <message>
        <source>Exporting PDF</source>
        <translation>Esportazione PDF</translation>
    </message>
    <message>
        <source>Import articles</source>
        <translation>Importa articoli</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importazione non riuscita</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Resoconto dell’importazione</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importazione</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>{imported} imported, {skipped} skipped, {failed} failed.&lt;br&gt;&lt;br&gt;These files could not be imported:&lt;ul&gt;{listed}&lt;/ul&gt;</source>
        <translation>{imported} importati, {skipped} saltati, {failed} non riusciti.&lt;br&gt;&lt;br&gt;Questi file non sono stati importati:&lt;ul&gt;{listed}&lt;/ul&gt;</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… e %n altro</numerusform>
            <numerusform>… e altri %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Dimensioni effettive</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Indietro</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>Esporta &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Find in Article…</source>
        <translation>&amp;Trova nell’articolo…</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Avanti</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importa…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Search Library</source>
        <translation>&amp;Cerca nella libreria</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>&amp;Preferito</translation>
    </message>
    <message>
        <source>&amp;Undo Move to Trash</source>
        <translation>&amp;Annulla lo spostamento nel cestino</translation>
    </message>
    <message>
        <source>After {seconds} Seconds or at the End</source>
        <translation>Dopo {seconds} secondi o alla fine</translation>
    </message>
    <message>
        <source>As Soon as Opened</source>
        <translation>Appena aperto</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Scuro</translation>
    </message>
    <message>
        <source>Export the open article to PDF</source>
        <translation>Esporta in PDF l’articolo aperto</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>Trova &amp;successivo</translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation>Trova &amp;precedente</translation>
    </message>
    <message>
        <source>Follow System</source>
        <translation>Segui il sistema</translation>
    </message>
    <message>
        <source>Import articles (text, Markdown, web pages, Wallabag, feeds) — or drop files here</source>
        <translation>Importa articoli (testo, Markdown, pagine web, Wallabag, feed) — o trascina qui i file</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Testo più grande</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Chiaro</translation>
    </message>
    <message>
        <source>Mark as &amp;Read</source>
        <translation>Segna come &amp;letto</translation>
    </message>
    <message>
        <source>Mark as &amp;Unread</source>
        <translation>Segna come &amp;non letto</translation>
    </message>
    <message>
        <source>Move the article to the desktop trash (Del); Ctrl+Z brings it back</source>
        <translation>Sposta l’articolo nel cestino (Canc); Ctrl+Z lo ripristina</translation>
    </message>
    <message>
        <source>Move to &amp;Trash</source>
        <translation>Sposta nel &amp;cestino</translation>
    </message>
    <message>
        <source>Only at the End</source>
        <translation>Solo alla fine</translation>
    </message>
    <message>
        <source>Sepia</source>
        <translation>Seppia</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Testo più piccolo</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Ingrandisci</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Rimpicciolisci</translation>
    </message>
</context>
</TS>

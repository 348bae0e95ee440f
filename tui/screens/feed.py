"""The feed screen: a feed's items (title, source, date, summary); `enter` opens one.

Fetching runs in a worker thread: the status line says "fetching…" before the request leaves,
keys keep working, and `esc` cancels (the worker's cancel flag is polled between chunks, and a
late answer from a cancelled fetch is dropped). The article then joins the reader's open files.
Item text comes from the web, so every row is a `Text` of `printable` strings with markup off.
"""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..document import DocumentError
from ..model import Analysis, Article, Block, BlockKind
from ..safe_text import printable
from ..web import Feed, FeedItem, FetchCancelled, FetchLimits, open_item, refresh_feed, warm_up
from ..widgets.footer import KeyFooter


class ArticleHost(Protocol):
    """What the screen needs from the app: somewhere to open a fetched article."""

    def add_article(self, article: Article) -> None: ...


def placeholder_article(feed: Feed) -> Article:
    """What the reader holds before any item is opened (`newsreader FEED` alone)."""
    title = feed.title
    body = "No article is open yet. Choose one in the feed (f), or quit (q)."
    text = f"{title}\n\n{body}"
    blocks = [Block(BlockKind.HEADING, 0, len(title), 1), Block(BlockKind.PARAGRAPH, len(title) + 2, len(text))]
    return Article(feed.source, title, text, blocks, "feed", "utf-8", url=feed.url)


def empty_analysis(source: str) -> Analysis:
    return Analysis(source, [], [], [])


def short_date(iso: str | None) -> str:
    """'2026-03-03T10:00:00Z' -> '2026-03-03 10:00'; a feed without dates says so."""
    if not iso:
        return "no date"
    day, _, clock = iso.partition("T")
    return f"{day} {clock[:5]}" if clock[:5] and clock[:5] != "00:00" else day


def item_prompt(item: FeedItem, *, ascii_only: bool = False) -> Text:
    dot = " - " if ascii_only else " · "
    text = Text(end="")
    text.append(printable(item.title), style="bold")
    text.append("\n")
    text.append(printable(item.source) + dot + short_date(item.published), style="dim")
    if item.link is None:
        text.append(dot + "no link", style="dim italic")
    if item.summary:
        summary = item.summary if len(item.summary) <= 220 else item.summary[:219].rstrip() + ("..." if ascii_only else "…")
        text.append("\n")
        text.append(printable(summary), style="italic")
    return text


class ItemFetched(Message):
    def __init__(self, serial: int, article: Article) -> None:
        super().__init__()
        self.serial, self.article = serial, article


class FetchFailed(Message):
    def __init__(self, serial: int, reason: str) -> None:
        super().__init__()
        self.serial, self.reason = serial, reason


class FeedRefreshed(Message):
    def __init__(self, serial: int, index: int, feed: Feed | None) -> None:
        super().__init__()
        self.serial, self.index, self.feed = serial, index, feed


class FeedScreen(Screen[None]):
    DEFAULT_CSS = """
    FeedScreen { layout: vertical; }
    FeedScreen > #feed-title { height: 1; padding: 0 1; background: $panel; }
    FeedScreen > #feeds { height: auto; max-height: 8; border-bottom: solid $panel; }
    FeedScreen > #items { height: 1fr; }
    FeedScreen > #feed-status { height: 1; padding: 0 1; }
    """

    BINDINGS = [
        Binding("r", "refresh", "Refresh", tooltip="Fetch the feed again (only what changed)", id="feed.refresh"),
        Binding("escape", "cancel_or_back", "Back", tooltip="Cancel the fetch, or go back to the reader", id="feed.back"),
        Binding("j", "cursor(1)", "Down", show=False, tooltip="Next item", id="feed.down"),
        Binding("k", "cursor(-1)", "Up", show=False, tooltip="Previous item", id="feed.up"),
        Binding(
            "left_square_bracket,right_square_bracket,a",
            "back",
            "Reader",
            show=False,
            tooltip="Back to the open articles",
            id="feed.reader",
        ),
        # The reader's keys act on widgets this screen does not have: they do nothing here.
        Binding("slash,s,p,o,n,N,w,f,1,2,3,4,ctrl+b", "nothing", show=False, id="feed.reader_keys"),
    ]

    def __init__(self, feeds: list[Feed], limits: FetchLimits, *, ascii_only: bool = False, has_articles: bool = True) -> None:
        super().__init__()
        self.feeds = list(feeds)
        self.limits = limits
        self.ascii_only = ascii_only
        self.has_articles = has_articles
        self.feed_index = 0
        self.serial = 0  # bumped by every fetch and by esc: answers to older ones are dropped
        self.busy: str | None = None  # what is being fetched, for the status line

    def compose(self) -> ComposeResult:
        yield Static(id="feed-title")
        feeds = OptionList(id="feeds", markup=False)
        feeds.display = len(self.feeds) > 1
        yield feeds
        yield OptionList(id="items", markup=False)
        yield Static(id="feed-status")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        if len(self.feeds) > 1:
            lst = self.query_one("#feeds", OptionList)
            lst.set_options([Option(self._feed_prompt(f), id=f"feed-{i}") for i, f in enumerate(self.feeds)])
            lst.highlighted = 0
        self._show_feed(0)
        self.query_one("#items", OptionList).focus()
        self._warm_up()

    @work(thread=True, group="warm-up", name="warm-up")
    def _warm_up(self) -> None:
        """Import the fetcher and the extractor while the reader looks at the list, so the
        first `enter` does not pay ~0.5 s of imports before the article can be painted."""
        warm_up()

    # -- drawing --------------------------------------------------------------------------------

    @property
    def feed(self) -> Feed:
        return self.feeds[self.feed_index]

    def _feed_prompt(self, feed: Feed) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(printable(feed.title), style="bold")
        text.append(f"  {len(feed.items)} items", style="dim")
        return text

    def _show_feed(self, index: int) -> None:
        self.feed_index = index
        items = self.query_one("#items", OptionList)
        if self.feed.items:
            options: list[Option | None] = []
            for n, it in enumerate(self.feed.items):
                if n and not self.ascii_only:
                    options.append(None)  # a separator line between items (a box-drawing rule)
                options.append(Option(item_prompt(it, ascii_only=self.ascii_only), id=f"item-{n}"))
            items.set_options(options)
            items.highlighted = 0
        else:
            items.set_options([Option(Text("This feed has no items.", style="italic dim"), disabled=True)])
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        title.append(printable(self.feed.title), style="bold")
        title.append("  ")
        title.append(printable(self.feed.url or self.feed.source), style="dim")
        self.query_one("#feed-title", Static).update(title)
        self.set_status()

    def set_status(self, message: str | None = None) -> None:
        if message is None:
            if self.busy is not None:
                message = self.busy
            else:
                count = len(self.feed.items)
                message = f"{count} item{'s' if count != 1 else ''}; enter opens one, r refreshes"
        self.query_one("#feed-status", Static).update(Text(printable(message), no_wrap=True, overflow="ellipsis", end=""))

    @property
    def status_text(self) -> str:
        return str(self.query_one("#feed-status", Static).render())

    # -- keys -----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#feeds")
    def _feed_chosen(self, event: OptionList.OptionSelected) -> None:
        self._show_feed(event.option_index)
        self.query_one("#items", OptionList).focus()

    @on(OptionList.OptionSelected, "#items")
    def _item_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id and event.option_id.startswith("item-"):
            self.open_item(int(event.option_id.removeprefix("item-")))

    def open_item(self, index: int) -> None:
        item = self.feed.items[index]
        if item.link is None:
            self.set_status("This item has no link to open.")
            return
        self.serial += 1
        dots = "..." if self.ascii_only else "…"
        self.busy = f"fetching{dots} {item.link}  (esc cancels)"
        self.set_status()
        self._fetch_item(self.serial, item)

    def action_refresh(self) -> None:
        self.serial += 1
        self.busy = "refreshing" + ("..." if self.ascii_only else "…")
        self.set_status()
        self._refresh(self.serial, self.feed_index, self.feed)

    def action_cancel_or_back(self) -> None:
        if self.busy is not None:
            self.serial += 1
            self.workers.cancel_group(self, "fetch")
            self.busy = None
            self.set_status("Cancelled.")
            return
        self.action_back()

    def action_back(self) -> None:
        if self.has_articles:
            self.app.pop_screen()
        else:
            self.set_status("No article open yet: choose one (enter), or q to quit")

    def action_cursor(self, delta: int) -> None:
        items = self.query_one("#items", OptionList)
        items.action_cursor_down() if delta > 0 else items.action_cursor_up()

    def action_nothing(self) -> None:
        pass

    # -- work off the UI thread -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="fetch", name="fetch")
    def _fetch_item(self, serial: int, item: FeedItem) -> None:
        worker = get_current_worker()
        try:
            article = open_item(item, self.limits, should_stop=lambda: worker.is_cancelled)
        except FetchCancelled:
            return
        except DocumentError as exc:
            self.post_message(FetchFailed(serial, exc.reason))
            return
        except Exception as exc:  # a page trafilatura chokes on: one line, the screen stays
            self.post_message(FetchFailed(serial, " ".join(str(exc).split()) or type(exc).__name__))
            return
        self.post_message(ItemFetched(serial, article))

    @work(thread=True, exclusive=True, group="fetch", name="refresh")
    def _refresh(self, serial: int, index: int, feed: Feed) -> None:
        worker = get_current_worker()
        try:
            fresh = refresh_feed(feed, self.limits, should_stop=lambda: worker.is_cancelled)
        except FetchCancelled:
            return
        except DocumentError as exc:
            self.post_message(FetchFailed(serial, exc.reason))
            return
        self.post_message(FeedRefreshed(serial, index, fresh))

    def on_item_fetched(self, message: ItemFetched) -> None:
        if message.serial != self.serial:
            return
        self.busy = None
        self.set_status()
        host: ArticleHost = self.app  # type: ignore[assignment]
        self.has_articles = True
        if self.is_current:  # not when help (?) was opened on top meanwhile
            self.app.pop_screen()
        host.add_article(message.article)

    def on_fetch_failed(self, message: FetchFailed) -> None:
        if message.serial != self.serial:
            return
        self.busy = None
        self.set_status(f"Could not open: {message.reason}")

    def on_feed_refreshed(self, message: FeedRefreshed) -> None:
        if message.serial != self.serial:
            return
        self.busy = None
        if message.feed is None:
            self.set_status("No change since the last fetch.")
            return
        self.feeds[message.index] = message.feed
        if len(self.feeds) > 1:
            self.query_one("#feeds", OptionList).replace_option_prompt_at_index(message.index, self._feed_prompt(message.feed))
        if message.index == self.feed_index:
            self._show_feed(message.index)
        count = len(message.feed.items)
        self.set_status(f"Refreshed: {count} item{'s' if count != 1 else ''}.")

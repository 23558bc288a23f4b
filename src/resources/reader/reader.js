/* reader.js
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reader script. It runs in Gloss's isolated script world: it shares
 * the page's DOM but none of its globals, so nothing in the page (whose own
 * scripts are stripped anyway) can see or call it. It reports selections
 * and clicks to Gloss, and paints notes and findings with the CSS Custom
 * Highlight API, which never changes the document's text.
 *
 * Positions are exchanged as (block index, UTF-16 offset inside the block):
 * every block element carries data-b, and the text nodes of a block
 * concatenate to exactly that block's text. Gloss converts them to code
 * points and checks them against its own copy of the text.
 */

'use strict';

(() => {
  const handler = window.webkit?.messageHandlers?.gloss;

  if (!handler)
    return;

  /* Without the Highlight API the reader still selects, but paints
   * nothing.
   */
  const canHighlight = typeof CSS !== 'undefined' && 'highlights' in CSS &&
                       typeof Highlight === 'function';

  /* How long the selection must stay still before it is reported. */
  const SELECTION_DELAY = 150;
  /* How long each of the two steps of a flash lasts. */
  const FLASH_STEP = 700;

  const NAME_PATTERN = /^gloss-[a-z0-9-]+$/;
  const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;

  const NOTE_PRIORITY = 1;
  const FINDING_PRIORITY = 0;
  const FLASH_PRIORITY = 3;

  function post (message) {
    handler.postMessage(message);
  }

  /* Blocks. */

  const blockList = [];
  const blocks = new Map();

  for (const element of document.querySelectorAll('[data-b]')) {
    const index = Number(element.getAttribute('data-b'));

    if (Number.isInteger(index) && index >= 0 && !blocks.has(index)) {
      blocks.set(index, element);
      blockList.push(element);
    }
  }

  function indexOf (element) {
    return Number(element.getAttribute('data-b'));
  }

  function blockOf (node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const block = element ? element.closest('[data-b]') : null;

    return block && blocks.get(indexOf(block)) === block ? block : null;
  }

  function isValidIndex (value) {
    return Number.isInteger(value) && value >= 0;
  }

  /* The UTF-16 offset of the DOM point (node, offset) in its block: the
   * lengths of the block's text nodes before it, plus the offset.
   */
  function offsetInBlock (block, node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let total = 0;

      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (text === node)
          return total + offset;
        total += text.data.length;
      }
    }

    /* An element boundary: measure the text before it. */
    const range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(node, offset);

    return range.toString().length;
  }

  /* The DOM point at UTF-16 @offset of @block. A start point that falls
   * between two text nodes goes to the start of the second, an end point
   * to the end of the first, so that ranges never reach into text they do
   * not cover.
   */
  function pointAt (block, offset, isStart) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let last = null;

    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const length = text.data.length;

      if (isStart ? offset < length : offset <= length)
        return { node: text, offset };
      offset -= length;
      last = text;
    }

    if (offset !== 0)
      return null;
    if (last)
      return { node: last, offset: last.data.length };

    return { node: block, offset: 0 };
  }

  function makeRange (startBlock, start16, endBlock, end16) {
    if (![startBlock, start16, endBlock, end16].every(isValidIndex))
      return null;

    const startElement = blocks.get(startBlock);
    const endElement = blocks.get(endBlock);
    if (!startElement || !endElement)
      return null;

    const start = pointAt(startElement, start16, true);
    const end = pointAt(endElement, end16, false);
    if (!start || !end)
      return null;

    const range = document.createRange();
    try {
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
    } catch (error) {
      return null;
    }

    return range.collapsed ? null : range;
  }

  /* Selections. */

  function isHighSurrogate (code) {
    return code >= 0xd800 && code <= 0xdbff;
  }

  function isLowSurrogate (code) {
    return code >= 0xdc00 && code <= 0xdfff;
  }

  /* Whether @offset falls between the two halves of a surrogate pair. */
  function splitsPair (text, offset) {
    return offset > 0 && offset < text.length &&
           isHighSurrogate(text.charCodeAt(offset - 1)) &&
           isLowSurrogate(text.charCodeAt(offset));
  }

  /* Resolves a selection boundary to {block, offset}. A boundary outside
   * every block (in the page's header, say) moves to the nearest block
   * inside the selection.
   */
  function resolveBoundary (node, offset, isEnd) {
    const block = blockOf(node);

    if (block)
      return { block: indexOf(block), offset: offsetInBlock(block, node, offset) };

    const point = document.createRange();
    point.setStart(node, offset);

    if (!isEnd) {
      for (const element of blockList) {
        if (point.comparePoint(element, 0) >= 0)
          return { block: indexOf(element), offset: 0 };
      }
    } else {
      for (let i = blockList.length - 1; i >= 0; i--) {
        const element = blockList[i];

        if (point.comparePoint(element, element.childNodes.length) <= 0)
          return { block: indexOf(element), offset: element.textContent.length };
      }
    }

    return null;
  }

  function describeSelection () {
    const selection = window.getSelection();

    if (!selection || selection.rangeCount === 0 || selection.isCollapsed)
      return null;

    const range = selection.getRangeAt(0);
    const start = resolveBoundary(range.startContainer, range.startOffset, false);
    const end = resolveBoundary(range.endContainer, range.endOffset, true);
    if (!start || !end)
      return null;

    /* A selection that ends at the very start of a block (a triple click
     * does that) or starts at the very end of one does not take the gap
     * between the blocks with it.
     */
    while (end.block > start.block && end.offset === 0 && blocks.has(end.block - 1)) {
      end.block -= 1;
      end.offset = blocks.get(end.block).textContent.length;
    }
    while (start.block < end.block && blocks.has(start.block + 1) &&
           start.offset === blocks.get(start.block).textContent.length) {
      start.block += 1;
      start.offset = 0;
    }

    const startText = blocks.get(start.block).textContent;
    const endText = blocks.get(end.block).textContent;

    /* Never split a character that takes two UTF-16 units (an emoji). */
    if (splitsPair(startText, start.offset))
      start.offset -= 1;
    if (splitsPair(endText, end.offset))
      end.offset += 1;

    if (start.block > end.block || (start.block === end.block && start.offset >= end.offset))
      return null;

    /* The selected text as the document has it: blocks are separated by a
     * blank line. Gloss compares it with its own text.
     */
    let text;
    if (start.block === end.block) {
      text = startText.slice(start.offset, end.offset);
    } else {
      const parts = [startText.slice(start.offset)];

      for (let b = start.block + 1; b < end.block; b++)
        parts.push(blocks.has(b) ? blocks.get(b).textContent : '');
      parts.push(endText.slice(0, end.offset));
      text = parts.join('\n\n');
    }

    const rect = range.getBoundingClientRect();

    return {
      type: 'selection',
      startBlock: start.block,
      start16: start.offset,
      endBlock: end.block,
      end16: end.offset,
      text,
      rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
    };
  }

  let lastReport = null;
  let selectionTimer = 0;
  let pointerDown = false;

  function reportSelection (force) {
    clearTimeout(selectionTimer);
    selectionTimer = 0;

    const message = describeSelection() ?? { type: 'selection', empty: true };
    const key = JSON.stringify(message);

    if (!force && key === lastReport)
      return;

    lastReport = key;
    post(message);
  }

  function scheduleReport (delay) {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => reportSelection(false), delay);
  }

  /* While a drag is going on only its end counts. */
  document.addEventListener('selectionchange', () => {
    if (!pointerDown)
      scheduleReport(SELECTION_DELAY);
  });
  document.addEventListener('pointerdown', event => {
    if (event.isPrimary && event.button === 0)
      pointerDown = true;
  }, true);
  for (const type of ['pointerup', 'pointercancel']) {
    document.addEventListener(type, () => {
      pointerDown = false;
      scheduleReport(0);
    }, true);
  }
  window.addEventListener('blur', () => {
    pointerDown = false;
  });
  document.addEventListener('keyup', () => scheduleReport(0), true);

  /* Highlights. */

  /* Block index -> [{start16, end16, range, id}] for hit testing. */
  const notesByBlock = new Map();
  const findingsByBlock = new Map();
  const noteNames = new Set();
  let claimHighlight = null;
  let cueHighlight = null;
  let showFindings = false;
  let colorStyle = null;

  function indexPiece (index, block, entry) {
    if (!index.has(block))
      index.set(block, []);
    index.get(block).push(entry);
  }

  function pieceRange (piece) {
    if (!piece || typeof piece !== 'object')
      return null;
    if (!isValidIndex(piece.block) || !isValidIndex(piece.start16) ||
        !isValidIndex(piece.end16) || piece.start16 >= piece.end16)
      return null;

    return makeRange(piece.block, piece.start16, piece.block, piece.end16);
  }

  function colorRules (name, color) {
    const r = parseInt(color.slice(1, 3), 16);
    const g = parseInt(color.slice(3, 5), 16);
    const b = parseInt(color.slice(5, 7), 16);

    return `::highlight(${name}) { background-color: rgb(${r} ${g} ${b} / 0.32); }\n` +
           `:root.dark ::highlight(${name}) { background-color: rgb(${r} ${g} ${b} / 0.42); }`;
  }

  /* The colours of tags come from vocabularies, so their rules are made
   * here; the rules of the fixed highlight names are in reader.css.
   */
  function setColorRules (rules) {
    if (!colorStyle) {
      colorStyle = document.createElement('style');
      colorStyle.id = 'gloss-highlight-colors';
      (document.head ?? document.documentElement).appendChild(colorStyle);
    }
    colorStyle.textContent = rules.join('\n');
  }

  function buildFindings (pieces, priority) {
    const highlight = new Highlight();
    highlight.priority = priority;

    for (const piece of Array.isArray(pieces) ? pieces : []) {
      const range = pieceRange(piece);

      if (!range || !isValidIndex(piece.start) || !isValidIndex(piece.end))
        continue;

      highlight.add(range);
      indexPiece(findingsByBlock, piece.block, {
        start16: piece.start16,
        end16: piece.end16,
        range,
        start: piece.start,
        end: piece.end,
      });
    }

    return highlight;
  }

  function applyFindings () {
    if (!canHighlight)
      return;

    if (showFindings && claimHighlight && cueHighlight) {
      CSS.highlights.set('gloss-claim', claimHighlight);
      CSS.highlights.set('gloss-cue', cueHighlight);
    } else {
      CSS.highlights.delete('gloss-claim');
      CSS.highlights.delete('gloss-cue');
    }
  }

  function setHighlights (json) {
    let data;

    if (!canHighlight)
      return false;

    try {
      data = JSON.parse(json);
    } catch (error) {
      return false;
    }
    if (!data || typeof data !== 'object')
      return false;

    for (const name of noteNames)
      CSS.highlights.delete(name);
    noteNames.clear();
    notesByBlock.clear();
    findingsByBlock.clear();

    const rules = [];

    for (const group of Array.isArray(data.notes) ? data.notes : []) {
      if (!group || typeof group.name !== 'string' || !NAME_PATTERN.test(group.name) ||
          noteNames.has(group.name))
        continue;

      const highlight = new Highlight();
      highlight.priority = NOTE_PRIORITY;

      for (const piece of Array.isArray(group.ranges) ? group.ranges : []) {
        const range = pieceRange(piece);

        if (!range || typeof piece.id !== 'string')
          continue;

        highlight.add(range);
        indexPiece(notesByBlock, piece.block, {
          start16: piece.start16,
          end16: piece.end16,
          range,
          id: piece.id,
        });
      }

      CSS.highlights.set(group.name, highlight);
      noteNames.add(group.name);

      if (typeof group.color === 'string' && COLOR_PATTERN.test(group.color))
        rules.push(colorRules(group.name, group.color));
    }

    setColorRules(rules);

    claimHighlight = buildFindings(data.claims, FINDING_PRIORITY);
    cueHighlight = buildFindings(data.cues, FINDING_PRIORITY);
    applyFindings();
    scheduleHover(hoverPoint);

    return true;
  }

  function setShowFindings (show) {
    showFindings = !!show;
    applyFindings();
    scheduleHover(hoverPoint);

    return true;
  }

  function setDark (dark) {
    document.documentElement.classList.toggle('dark', !!dark);
    document.documentElement.classList.toggle('light', !dark);

    return true;
  }

  /* Clicks on highlights. */

  function caretAt (x, y) {
    if (document.caretPositionFromPoint) {
      const position = document.caretPositionFromPoint(x, y);

      return position ? { node: position.offsetNode, offset: position.offset } : null;
    }

    if (document.caretRangeFromPoint) {
      const range = document.caretRangeFromPoint(x, y);

      return range ? { node: range.startContainer, offset: range.startOffset } : null;
    }

    return null;
  }

  function rangeContains (range, x, y) {
    for (const rect of range.getClientRects()) {
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom)
        return true;
    }

    return false;
  }

  /* The shortest entry of @entries under the point: the caret position
   * narrows the search, the range's boxes decide.
   */
  function pick (entries, offset, x, y) {
    let best = null;

    for (const entry of entries ?? []) {
      if (offset < entry.start16 || offset > entry.end16)
        continue;
      if (best && entry.end16 - entry.start16 >= best.end16 - best.start16)
        continue;
      if (rangeContains(entry.range, x, y))
        best = entry;
    }

    return best;
  }

  function hitTest (x, y) {
    const caret = caretAt(x, y);
    if (!caret || !caret.node)
      return null;

    const block = blockOf(caret.node);
    if (!block)
      return null;

    const index = indexOf(block);
    const offset = offsetInBlock(block, caret.node, caret.offset);

    const note = pick(notesByBlock.get(index), offset, x, y);
    if (note)
      return { type: 'activate', id: note.id };

    if (showFindings) {
      const finding = pick(findingsByBlock.get(index), offset, x, y);

      if (finding)
        return { type: 'finding', start: finding.start, end: finding.end };
    }

    return null;
  }

  /* The links of the article's table of contents lead to its headings.
   * The page never navigates (the view allows no other page, and a new
   * fragment would be a load of its own): the heading is scrolled into
   * view instead. This runs before the page sees the click.
   */
  document.addEventListener('click', event => {
    const link = event.target instanceof Element
      ? event.target.closest('nav.gloss-toc a[data-block]')
      : null;

    if (!link)
      return;

    event.preventDefault();

    const index = Number(link.dataset.block);
    if (!Number.isInteger(index) || index < 0)
      return;

    const heading = document.querySelector(`[data-b="${index}"]`);
    if (heading)
      heading.scrollIntoView({ block: 'start' });
  }, true);

  document.addEventListener('click', event => {
    if (event.button !== 0)
      return;

    /* The end of a drag that selected text is not a click on a note. */
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed)
      return;

    /* Links keep their own meaning. */
    if (event.target instanceof Element && event.target.closest('a[href]'))
      return;

    const hit = hitTest(event.clientX, event.clientY);
    if (hit)
      post(hit);
  });

  /* Hovering over findings: the view shows their explanations as a
   * tooltip. Pointer moves are sampled at most every HOVER_INTERVAL ms,
   * and only a change of what is under the pointer is reported.
   */

  const HOVER_INTERVAL = 80;
  let hoverPoint = null;
  let hoverTimer = 0;
  let hoverKey = '[]';

  function findingsAt (x, y) {
    const caret = caretAt(x, y);
    if (!caret || !caret.node)
      return [];

    const block = blockOf(caret.node);
    if (!block)
      return [];

    const offset = offsetInBlock(block, caret.node, caret.offset);
    const found = [];

    for (const entry of findingsByBlock.get(indexOf(block)) ?? []) {
      if (offset < entry.start16 || offset > entry.end16)
        continue;
      if (rangeContains(entry.range, x, y))
        found.push(entry);
    }

    /* The narrowest first: a cue says more than the claim around it. */
    found.sort((a, b) => (a.end - a.start) - (b.end - b.start));

    return found.map(entry => ({ start: entry.start, end: entry.end }));
  }

  function reportHover () {
    hoverTimer = 0;

    const findings = showFindings && hoverPoint ? findingsAt(hoverPoint.x, hoverPoint.y) : [];
    const key = JSON.stringify(findings);

    if (key === hoverKey)
      return;

    hoverKey = key;
    post({ type: 'hover', findings });
  }

  function scheduleHover (point) {
    hoverPoint = point;
    if (!hoverTimer)
      hoverTimer = setTimeout(reportHover, HOVER_INTERVAL);
  }

  document.addEventListener('pointermove', event => {
    scheduleHover({ x: event.clientX, y: event.clientY });
  }, { passive: true });

  document.documentElement.addEventListener('pointerleave', () => scheduleHover(null));

  /* Revealing and selecting. */

  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  let flashTimer = 0;

  function scrollToRange (range, smooth) {
    const rect = range.getBoundingClientRect();
    const margin = window.innerHeight / 6;

    if (rect.top >= margin && rect.bottom <= window.innerHeight - margin)
      return;

    window.scrollTo({
      top: Math.max(0, window.scrollY + rect.top - window.innerHeight / 3),
      behavior: smooth && !reducedMotion.matches ? 'smooth' : 'auto',
    });
  }

  function setFlash (name, range) {
    if (!canHighlight)
      return;

    CSS.highlights.delete('gloss-flash');
    CSS.highlights.delete('gloss-flash-fade');

    if (range) {
      const highlight = new Highlight(range);

      highlight.priority = FLASH_PRIORITY;
      CSS.highlights.set(name, highlight);
    }
  }

  /* Highlights cannot be animated, so the flash fades in two steps. */
  function reveal (block, start16, endBlock, end16) {
    const range = makeRange(block, start16, endBlock, end16);
    if (!range)
      return false;

    scrollToRange(range, true);

    clearTimeout(flashTimer);
    setFlash('gloss-flash', range);
    flashTimer = setTimeout(() => {
      setFlash('gloss-flash-fade', range);
      flashTimer = setTimeout(() => {
        setFlash(null, null);
        flashTimer = 0;
      }, FLASH_STEP);
    }, FLASH_STEP);

    return true;
  }

  function selectRange (block, start16, endBlock, end16) {
    const range = makeRange(block, start16, endBlock, end16);
    if (!range)
      return false;

    scrollToRange(range, false);

    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    reportSelection(true);

    return true;
  }

  function clearSelection () {
    window.getSelection()?.removeAllRanges();
    reportSelection(true);

    return true;
  }

  window.glossReader = Object.freeze({
    setHighlights,
    setShowFindings,
    setDark,
    reveal,
    selectRange,
    clearSelection,
  });

  post({ type: 'ready' });
})();

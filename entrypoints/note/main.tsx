import { render } from 'preact';
import { NoteEditorApp } from '@/components/toolbar/note-editor';
import '@/components/toolbar/note-editor/note-editor.css';

// The token that says which note this editor edits travels in the fragment (never sent anywhere).
render(<NoteEditorApp token={location.hash.slice(1)} />, document.getElementById('app')!);

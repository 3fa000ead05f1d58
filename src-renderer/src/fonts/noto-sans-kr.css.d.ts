// Side-effect stylesheet (fonts/noto-sans-kr.css), loaded with a dynamic import by store/languageStore.ts.
export {};

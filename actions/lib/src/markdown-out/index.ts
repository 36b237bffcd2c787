// What Firebreak posts to GitHub: mdast trees (build.ts), serialised by remark's serialiser with
// every outside text neutralised (serialize.ts, neutralize.ts), found again by markers (marker.ts).
export * from './build.ts';
export * from './marker.ts';
export * from './neutralize.ts';
export * from './serialize.ts';

// The grading core shared by the student check (`npm run check`) and the autograder.
export * from "./case";
export * from "./compare";
export * from "./encode";
export * from "./grade";
export * from "./limits";
export * from "./random";
export * from "./refusal";

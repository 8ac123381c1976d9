// Runs once before all test files. Browser tests need the built web app.
export default async function setup(): Promise<void> {}
